/**
 * How a YAML file becomes a {@link io.switchboard.gateway.config.GatewayConfig}: a located tree
 * ({@link io.switchboard.gateway.config.internal.YamlTree}), hand-written mapping that knows the path of every
 * value ({@link io.switchboard.gateway.config.internal.ConfigReader}), value parsers, secret resolution, and the
 * file watcher behind hot reload. Not API.
 */
package io.switchboard.gateway.config.internal;
