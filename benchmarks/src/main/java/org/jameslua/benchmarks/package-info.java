/**
 * What the engine costs an SMTP session (instance creation, callbacks, the MIME scan); figures go to
 * {@code BENCHMARKS.md}. Not shipped; may depend on any module.
 */
package org.jameslua.benchmarks;
