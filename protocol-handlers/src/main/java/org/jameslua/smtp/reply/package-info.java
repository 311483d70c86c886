/**
 * SMTP replies scripts give: strict parsing ({@link org.jameslua.smtp.reply.ReplyParser}), James hook
 * results, and the result handlers that put a script's reply in the place of James's (HELO/EHLO, HELP, NOOP, RSET,
 * QUIT, unknown commands, the end of DATA). Depends on {@code smtp.session}.
 */
package org.jameslua.smtp.reply;
