/**
 * The in-memory James 3.8.1 dev server with the pack installed (its bundled configuration, accounts, core
 * bindings), used by {@code run-james.sh} and by every end-to-end test. Not shipped; may depend on every module.
 */
package org.jameslua.server;
