/**
 * James's FetchMail run as the pack's POP3 client ({@code fetchmail.xml}), its downloaded mail spooled for
 * POP3CLT.LUA. Depends on James's fetchmail, queue and user APIs.
 */
package org.jameslua.james.fetchmail;
