/**
 * What every James adapter of the pack shares: the Guice module ({@link org.jameslua.james.LuaPackModule}),
 * the settings read from {@code james-lua.properties}, the failure policy and the per-script metrics. Depends on
 * {@code lua-engine} and James's server APIs; never on {@code protocol-handlers}, {@code mailets} or
 * {@code matchers}.
 */
package org.jameslua.james;
