/**
 * {@code switchboard bench chaos}: four simulated replicas behind the real gateway under steady mixed load,
 * while one replica is killed and restarted, another answers a 429 storm and a third stalls or cuts a share
 * of its streams. Every answer is checked for completeness, so a silent truncation or a hung request cannot
 * hide in an average.
 */
package io.switchboard.bench.chaos;
