/**
 * ERRORS.LUA: what a failed mail tells ProcessError (error kinds, the report read from James's attributes),
 * and the notice the answer makes. Depends on {@code mailets.mail}; the outgoing mailets use its report.
 */
package org.jameslua.mailets.errors;
