/**
 * Calling a script from a mailet or matcher ({@link org.jameslua.james.script.ScriptCaller}, one per instance from
 * {@link org.jameslua.james.script.ScriptCallers}: bounds, metrics, bad returns, failure policy) and reading what
 * scripts return, shared by every adapter (SMTP handlers, mailets, matchers): one rule for strings,
 * booleans, numbers and sequences ({@link org.jameslua.james.script.LuaValues}), the
 * {@link org.jameslua.james.script.BadReturn} a caller reports, and the mailets' failure policy. Depends on
 * {@code lua-engine}, LuaJ and {@link org.jameslua.james.ScriptMetrics}.
 */
package org.jameslua.james.script;
