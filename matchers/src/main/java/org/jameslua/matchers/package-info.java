/**
 * {@link org.jameslua.matchers.LuaMatcher}, named in {@code mailetcontainer.xml}
 * ({@code match="org.jameslua.matchers.LuaMatcher=SCRIPT.LUA:Function"}), and the reading of its function's answer.
 * Depends on the Mailet API, {@code lua-engine} and {@code mailets.generic}.
 */
package org.jameslua.matchers;
