/**
 * DATA and the message: DoDATAStart and its header lines, ProcessMessage and its answer (recipients, header
 * modifiers), and the checked header lines both add. Depends on {@code smtp.session}, {@code smtp.reply} and
 * {@code smtp.globals}.
 */
package org.jameslua.smtp.data;
