/**
 * A mail as every mailet script sees it: header tables and lines, facts about the mail, edits written back
 * to its message (the bytes the message helpers read are {@link org.jameslua.james.message.MailMessageSource}'s),
 * and the mailets' {@code onScriptError} parameter
 * (script calls go through {@link org.jameslua.james.script.ScriptCaller}). Depends on {@code lua-engine},
 * {@code james-integration} and the Mailet API; the script packages depend on it.
 */
package org.jameslua.mailets.mail;
