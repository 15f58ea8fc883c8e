package io.capstan.plugins.store.etcd;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.store.StoreFactory;

/**
 * The {@code etcd} store plugin: Capstan's store on an etcd v3 cluster (3.4 or newer), for control
 * planes split across processes or machines that share one cluster. Registered in {@code
 * META-INF/services/io.capstan.spi.store.StoreFactory}; selected by {@code store.plugin: etcd} and
 * configured under {@code store.etcd.*} ({@link EtcdStoreConfig}).
 */
public final class EtcdStoreFactory implements StoreFactory<EtcdStoreConfig> {

  /** The name selected by {@code store.plugin: etcd}. */
  public static final String NAME = "etcd";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Keys, revisions, watches and leases on an etcd v3 cluster (jetcd client)";
  }

  @Override
  public Class<EtcdStoreConfig> configType() {
    return EtcdStoreConfig.class;
  }

  @Override
  public Module module(EtcdStoreConfig config) {
    return new EtcdStoreModule(requireNonNull(config, "config"));
  }
}
