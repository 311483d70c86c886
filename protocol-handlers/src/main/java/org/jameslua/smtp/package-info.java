/**
 * SMTPSVR.LUA in James's SMTP server: {@link org.jameslua.smtp.LuaSmtpHandlers}, the handler list operators
 * name in {@code smtpserver.xml}, is all that lives here; the handlers are in the subpackages. Depends on James's
 * protocols API, {@code james-integration} and {@code lua-engine}.
 */
package org.jameslua.smtp;
