/**
 * The Lua environment scripts run in: the standard libraries as the pack offers them, the VPOP3 libraries,
 * safety mode and the bounds (memory, instructions, time) a call runs under. Depends on LuaJ, the engine's
 * {@code folder}, {@code host}, {@code message}, {@code net} and {@code lib.patterns}; never on James.
 */
package org.jameslua.engine.lib;
