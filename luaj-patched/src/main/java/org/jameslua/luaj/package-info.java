/**
 * Replacements woven into LuaJ at build time (number to text as Lua 5.2 writes it). Depends on the JDK only,
 * since LuaJ itself calls it.
 */
package org.jameslua.luaj;
