/**
 * The routing core: endpoint state, request profiles, strategies, group routers and admission. Pure Java
 * with no I/O; time and randomness are injected, so the live gateway and the virtual-time replay run the
 * very same classes.
 */
package io.switchboard.core;
