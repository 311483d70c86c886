/**
 * The envelope commands: DoHELO's size question, DoMAILFROM, DoRCPTTO, their arguments and answers, AUTH's
 * AllowedUsers, and the recorder that keeps the client's command text for them. Depends on {@code smtp.session},
 * {@code smtp.reply}, {@code smtp.globals} and {@code smtp.rbl}.
 */
package org.jameslua.smtp.envelope;
