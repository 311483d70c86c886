/**
 * SMTP throughput against the in-memory dev server ({@code server} module) over real SMTP, with a probe of
 * the delivered inboxes. Not shipped.
 */
package org.jameslua.benchmarks.smtp;
