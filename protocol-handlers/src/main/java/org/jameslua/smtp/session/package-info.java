/**
 * One SMTP connection's script instance ({@link org.jameslua.smtp.session.ScriptSession}) from connect to
 * disconnect, the workers its commands run on, the banner and the session's size limit, and the common answer of
 * a callback ({@link org.jameslua.smtp.session.Answer}). Every other SMTP package depends on this one.
 */
package org.jameslua.smtp.session;
