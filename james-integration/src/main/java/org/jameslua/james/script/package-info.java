/**
 * Reading what scripts return, shared by every adapter (SMTP handlers, mailets, matchers): one rule for strings,
 * booleans, numbers and sequences ({@link org.jameslua.james.script.LuaValues}), the
 * {@link org.jameslua.james.script.BadReturn} a caller reports, and the mailets' failure policy. Depends on
 * {@code lua-engine} and LuaJ only.
 */
package org.jameslua.james.script;
