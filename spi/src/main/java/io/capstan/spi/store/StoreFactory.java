package io.capstan.spi.store;

import io.capstan.spi.plugin.PluginFactory;

/**
 * A store plugin, selected by {@code store.plugin} ({@code rocksdb} by default, {@code memory},
 * {@code etcd}) and configured under {@code store.<name>.*}. Its module must bind {@link Store};
 * the kernel starts and closes the store through its {@link io.capstan.spi.plugin.Lifecycle}.
 * Register it in {@code META-INF/services/io.capstan.spi.store.StoreFactory}, and prove it with a
 * test extending the TCK's {@code AbstractStoreConformanceTest}.
 */
public interface StoreFactory<C> extends PluginFactory<C> {}
