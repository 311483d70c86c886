/**
 * The classes operators name in James's configuration, which therefore never move: one mailet per VPOP3 script
 * ({@code *Mailet}, each with its sample {@code <mailet>} element), the generic {@link org.jameslua.mailets.LuaMailet},
 * the webadmin routes, and PASSWORDCHECK.LUA's check with the users repository that applies it. Each mailet's
 * helpers live in the subpackage of its script.
 */
package org.jameslua.mailets;
