/**
 * The node agent's container runtime: the CRI-shaped {@link io.capstan.spi.node.ContainerRuntime}
 * SPI (sandboxes, containers, logs) whose state changes are pushed through
 * {@link io.capstan.spi.node.ContainerRuntimeEvents} rather than polled, so thousands of simulated
 * nodes cost nothing while idle.
 */
package io.capstan.spi.node;
