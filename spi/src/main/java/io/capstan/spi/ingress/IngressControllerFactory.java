package io.capstan.spi.ingress;

import io.capstan.spi.plugin.PluginFactory;

/**
 * An ingress controller, selected by {@code ingress.controller} ({@code builtin}, {@code nginx})
 * and configured under {@code ingress.<name>.*}. Its module must bind {@link IngressController}.
 */
public interface IngressControllerFactory<C> extends PluginFactory<C> {}
