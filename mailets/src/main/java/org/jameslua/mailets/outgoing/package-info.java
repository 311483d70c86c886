/**
 * RELAYOUT.LUA and MXOUT.LUA: CheckFile's actions, VPOP3 priorities as James's mail priority and
 * processors, and VPOP3's time format. Depends on {@code mailets.mail} and {@code lua-engine}.
 */
package org.jameslua.mailets.outgoing;
