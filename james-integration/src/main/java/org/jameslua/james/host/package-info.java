/**
 * The engine's {@link org.jameslua.engine.host.Host} on James: users, domains, rewrite tables, per-user
 * settings kept as mailbox annotations, the shared global settings. Depends on {@code engine.host} and James's
 * data and mailbox APIs.
 */
package org.jameslua.james.host;
