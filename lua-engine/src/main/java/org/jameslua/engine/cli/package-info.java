/**
 * The offline tools ({@code james-lua-run}, the folder check): run a script function or check a scripts
 * folder from the command line, outside any server. May use the whole engine; nothing in the engine uses it.
 */
package org.jameslua.engine.cli;
