/**
 * The network functions scripts may call (DNS, TCP, HTTP, WHOIS), each with a deadline, and the pack's DNS
 * client. Depends on dnsjava and {@code engine.lib}; never on James.
 */
package org.jameslua.engine.net;
