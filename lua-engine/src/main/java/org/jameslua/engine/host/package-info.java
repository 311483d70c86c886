/**
 * What the engine asks of the mail server it runs in (users, settings, address expansion), as interfaces
 * the adapters implement, with a folder-backed implementation for the offline tools. Depends on nothing of the
 * engine's but itself.
 */
package org.jameslua.engine.host;
