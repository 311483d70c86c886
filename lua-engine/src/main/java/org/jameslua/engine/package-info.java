/**
 * The engine's entry points: {@link org.jameslua.engine.LuaEngine} loads the scripts folder and hands out
 * {@link org.jameslua.engine.ScriptInstance}s, whose calls run under {@link org.jameslua.engine.Limits} and end as a
 * {@link org.jameslua.engine.CallResult}. Knows nothing of James (no {@code org.apache.james} server import in
 * this module); depends on LuaJ and on its own subpackages.
 */
package org.jameslua.engine;
