/**
 * A mail as every mailet script sees it: header tables and lines, facts about the mail, edits written back
 * to its message, the spooled bytes the message helpers read, and the reading of script returns. Depends on
 * {@code lua-engine} and the Mailet API only; the script packages depend on it.
 */
package org.jameslua.mailets.mail;
