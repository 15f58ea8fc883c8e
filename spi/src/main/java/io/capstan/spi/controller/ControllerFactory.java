package io.capstan.spi.controller;

import io.capstan.spi.plugin.PluginFactory;

/**
 * A controller plugin, enabled by listing its name in {@code controllers.enabled} and configured
 * under {@code controllers.<name>.*}. Its module must bind {@link Controller}; many controllers
 * run in one controller manager, and the kernel installs each module in a private module of its
 * own and collects the exposed {@code Controller}s, so bindings never clash. Host services
 * ({@code ApiClient}, {@code InformerFactory}, {@code Clock}, {@code EventRecorder}) are available
 * by injection too, but most controllers need only the {@link ControllerContext} passed to
 * {@code reconcile}.
 */
public interface ControllerFactory<C> extends PluginFactory<C> {}
