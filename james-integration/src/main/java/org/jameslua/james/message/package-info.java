/**
 * Edits of a mail's message written as bytes, so that what the edit does not touch stays byte for byte as it came:
 * header lines added at the end of the header, for the SMTP message hooks and the mailets alike.
 */
package org.jameslua.james.message;
