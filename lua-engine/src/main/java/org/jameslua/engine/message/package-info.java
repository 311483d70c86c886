/**
 * A message as the ProcessMessage helpers read it: a streaming MIME scan of the raw bytes (structure,
 * attachments, decoded text) from a {@link org.jameslua.engine.message.MessageSource}. Depends on mime4j and the
 * JDK only.
 */
package org.jameslua.engine.message;
