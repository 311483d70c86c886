/**
 * The dev server's mail queue, kept on disk so that queued mail outlives a restart of {@code run-james.sh}; no
 * feature of the pack depends on it. Depends on James's queue API only.
 */
package org.jameslua.server.queue;
