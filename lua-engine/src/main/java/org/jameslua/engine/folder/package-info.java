/**
 * The scripts folder on disk: the compiled scripts it holds, and the files scripts and the pack write there
 * ({@code LUA.OUT}, {@code LUAERRORS.LOG}, each kept to a size). Plain Java I/O; depends on the engine's entry package only.
 */
package org.jameslua.engine.folder;
