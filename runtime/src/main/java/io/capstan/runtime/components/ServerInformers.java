package io.capstan.runtime.components;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Set;

/**
 * The shared informers of the API server's own plugins (the RBAC authorizer, RBAC escalation
 * checks, quota): they read through the in-process client. As their host, this starts them once
 * the API server is up (it depends on the server, so the kernel starts it after) and stops them
 * before the server stops. Plugins ask for their informers in their own {@code start()}; informers
 * asked for later start at once.
 */
final class ServerInformers implements InformerFactory, Lifecycle {

  private final InformerFactory delegate;

  ServerInformers(InformerFactory delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override
  public <T extends HasMetadata> SharedInformer<T> sharedInformer(Class<T> type) {
    return delegate.sharedInformer(type);
  }

  @Override
  public SharedInformer<? extends HasMetadata> sharedInformer(io.capstan.spi.api.ResourceKind kind) {
    return delegate.sharedInformer(kind);
  }

  @Override
  public void release(io.capstan.spi.api.ResourceKind kind) {
    delegate.release(kind);
  }

  @Override
  public void start() {
    delegate.start();
  }

  @Override
  public void stop() {
    delegate.stop();
  }

  @Override
  public boolean hasSynced() {
    return delegate.hasSynced();
  }

  @Override
  public Set<Class<? extends HasMetadata>> types() {
    return delegate.types();
  }

  @Override
  public void close() {
    delegate.stop();
  }
}
