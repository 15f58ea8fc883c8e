package io.capstan.spi.node;

import io.capstan.spi.plugin.PluginFactory;

/**
 * A container runtime, selected by {@code node.runtime} ({@code simulated}, {@code process}) and
 * configured under {@code node.<name>.*}. Its module must bind {@link ContainerRuntime}
 * <em>unscoped</em>: the node host asks for one instance per node.
 */
public interface ContainerRuntimeFactory<C> extends PluginFactory<C> {}
