/**
 * Implementation of the simulated server: HTTP routing, request parsing, tokenisation, the engine driver,
 * per-request streaming sessions, fault planning, rate-limit windows and the Prometheus exposition.
 * Everything here runs on the owning server's event loop unless a class says otherwise.
 */
package io.switchboard.sim.server.internal;
