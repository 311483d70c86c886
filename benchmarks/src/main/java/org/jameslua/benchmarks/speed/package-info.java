/**
 * CPU-bound Lua on the pack's engine, compared with the native interpreters by {@code lua-vs-native.sh}.
 * Not shipped.
 */
package org.jameslua.benchmarks.speed;
