/**
 * USER_REDIRECT.LUA: the routing globals, the redirect rules, where a user's copy goes, and the per-user
 * settings scripts declare and operators store. Depends on {@code mailets.mail} and {@code lua-engine}.
 */
package org.jameslua.mailets.routing;
