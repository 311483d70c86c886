/**
 * A mail's message as bytes: read by the ProcessMessage tables and message helpers
 * ({@link org.jameslua.james.message.MailMessageSource}), and edited as bytes, so that what the edit does not touch stays byte for byte as it came:
 * header lines a script asks for, checked so that they stay header lines ({@link org.jameslua.james.message.HeaderLines})
 * and added at the end of the header ({@link org.jameslua.james.message.HeaderInsertion}), for the SMTP message hooks
 * and the mailets alike.
 */
package org.jameslua.james.message;
