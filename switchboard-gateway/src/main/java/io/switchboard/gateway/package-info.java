/**
 * The Switchboard gateway: an OpenAI-compatible HTTP front end ({@link io.switchboard.gateway.Gateway}) that
 * routes each request through the routing core to one upstream endpoint and relays the answer. The request
 * path itself lives in {@code internal}; its stage order is written down in {@code RequestChain}.
 */
package io.switchboard.gateway;
