/**
 * The pack's webadmin routes ({@code GET /james-lua/scripts}: versions, compile errors, call counts). Depends on
 * James's webadmin core and the engine.
 */
package org.jameslua.james.webadmin;
