/**
 * DATA and the message: DoDATAStart and its header lines, ProcessMessage and its answer (recipients, header
 * modifiers); both add header lines checked by {@code org.jameslua.james.message.HeaderLines}. Depends on
 * {@code smtp.session}, {@code smtp.reply} and {@code smtp.globals}.
 */
package org.jameslua.smtp.data;
