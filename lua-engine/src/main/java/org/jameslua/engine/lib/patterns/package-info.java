/**
 * Lua 5.2 string patterns ({@code string.find}, {@code match}, {@code gmatch}, {@code gsub}) with bounded
 * work and memory. Depends on LuaJ and {@code engine.lib}.
 */
package org.jameslua.engine.lib.patterns;
