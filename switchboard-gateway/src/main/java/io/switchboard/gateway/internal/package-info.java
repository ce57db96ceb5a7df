/**
 * The data plane behind {@link io.switchboard.gateway.Gateway}: the server verticle, the request chain and
 * its stages (authenticate, peek, admit, route, attempt, relay, finish), the streaming JSON peek, the SSE
 * parser, usage accounting, metrics and the access log. Not an API: everything here may change.
 */
package io.switchboard.gateway.internal;
