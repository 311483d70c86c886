/**
 * Lua 5.0 compatibility for VPOP3-era scripts: the source rewriter (scanner, tokenizer, edits) and the
 * 5.0 functions and environments it relies on at run time. Depends on LuaJ and {@code engine.lib} only.
 */
package org.jameslua.engine.compat;
