/**
 * The IN/OUT globals of the SMTP server script about the client (relaying, AllowedUsers) and the rules for
 * reading back a global a script changed. Depends on {@code lua-engine} and James's SMTP session.
 */
package org.jameslua.smtp.globals;
