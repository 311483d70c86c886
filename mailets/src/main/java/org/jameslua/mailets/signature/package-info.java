/**
 * SIGNATURE.LUA: asking GetSignature once per format, the configured defaults, and putting a signature into
 * the text and HTML parts of a message. Depends on {@code mailets.mail} and {@code lua-engine}.
 */
package org.jameslua.mailets.signature;
