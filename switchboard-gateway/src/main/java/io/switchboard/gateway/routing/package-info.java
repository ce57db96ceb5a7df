/** The routing table the data plane reads: model groups and endpoints built from one config snapshot. */
package io.switchboard.gateway.routing;
