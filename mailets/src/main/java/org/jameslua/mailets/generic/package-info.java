/**
 * The generic mailet and matcher: the mail table they hand a function and the changes a mailet function
 * returns. Depends on {@code mailets.mail}; {@code matchers} uses the mail table.
 */
package org.jameslua.mailets.generic;
