/**
 * POP3CLT.LUA: ProcessMessage's answer for downloaded mail, checked whole before it is applied. Depends on
 * {@code mailets.mail}.
 */
package org.jameslua.mailets.pop3;
