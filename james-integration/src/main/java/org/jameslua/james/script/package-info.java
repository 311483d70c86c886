/**
 * Calling a script from any adapter: an SMTP session, a mailet, a matcher
 * ({@link org.jameslua.james.script.ScriptCaller} from {@link org.jameslua.james.script.ScriptCallers}: bounds,
 * metrics, bad returns, the failure policy {@link org.jameslua.james.script.OnScriptError}), and reading what
 * scripts return, shared by every adapter: one rule for strings, booleans, numbers and sequences
 * ({@link org.jameslua.james.script.LuaValues}) and the {@link org.jameslua.james.script.BadReturn} a reader
 * throws. Depends on
 * {@code lua-engine}, LuaJ and {@link org.jameslua.james.ScriptMetrics}.
 */
package org.jameslua.james.script;
