/**
 * The build step that copies LuaJ into this module, its number-to-text methods rewritten with ASM to call
 * {@code org.jameslua.luaj}. Depends on ASM and the JDK.
 */
package org.jameslua.luaj.build;
