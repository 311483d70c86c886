/**
 * The manual's RBL globals: the DNS blocklist lookups at connect, the whitelist, and what a listing does to
 * the client's recipients and message. Depends on {@code smtp.session}, {@code smtp.reply}, {@code smtp.data},
 * {@code smtp.globals} and the engine's DNS client.
 */
package org.jameslua.smtp.rbl;
