package io.capstan.spi.admission;

import io.capstan.spi.plugin.PluginFactory;

/**
 * An admission plugin, enabled (and ordered) by {@code apiserver.admission} and configured under
 * {@code apiserver.admission.<name>.*}. Its module must bind {@link AdmissionPlugin}; the kernel
 * calls {@code admit} if the bound object is a {@link MutatingAdmissionPlugin} and
 * {@code validate} if it is a {@link ValidatingAdmissionPlugin}.
 */
public interface AdmissionPluginFactory<C> extends PluginFactory<C> {}
