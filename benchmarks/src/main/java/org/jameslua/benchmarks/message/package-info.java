/**
 * Test messages (large, multipart, spooled as James spools them) for the message benchmarks. Not shipped.
 */
package org.jameslua.benchmarks.message;
