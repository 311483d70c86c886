/**
 * A message as the ProcessMessage helpers read it: a streaming MIME scan of the raw bytes (structure,
 * attachments, decoded text) from a {@link org.jameslua.engine.message.MessageSource}, and the Lua tables
 * made of it. Depends on mime4j, LuaJ and {@link org.jameslua.engine.LuaSequences}.
 */
package org.jameslua.engine.message;
