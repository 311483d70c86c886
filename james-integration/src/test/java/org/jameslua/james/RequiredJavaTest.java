package org.jameslua.james;

/** lua-engine's check that the tests run on the Java release the build asks for, in this module's own fork. */
class RequiredJavaTest extends org.jameslua.engine.RequiredJavaTest {}
