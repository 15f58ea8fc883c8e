package io.capstan.runtime.controllers;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What one controller declared in {@code setup}: the kinds it reads and the watches that feed its
 * queue. Informers are obtained (and indexes added) at once, so they exist before the factory
 * starts; the watches are connected to the queue later, by {@link ControllerRunner}.
 */
final class HostSetup implements ControllerSetup {

  /** A declared watch: a kind and the mapper of its events to primary keys. */
  record Watched<T extends HasMetadata>(SharedInformer<T> informer, EventMapper<T> mapper) {}

  private final InformerFactory informers;
  private final List<Watched<?>> watches = new ArrayList<>();
  private final Set<SharedInformer<?>> read = new LinkedHashSet<>();
  private boolean closed;
  private final List<io.capstan.spi.api.ObjectKey> early = new ArrayList<>(); // guarded by this
  private java.util.function.Consumer<io.capstan.spi.api.ObjectKey> sink; // guarded by this

  HostSetup(InformerFactory informers) {
    this.informers = requireNonNull(informers, "informers");
  }

  @Override
  public synchronized <T extends HasMetadata> void watch(Class<T> type, EventMapper<T> mapper) {
    requireNonNull(type, "type");
    requireNonNull(mapper, "mapper");
    checkOpen();
    SharedInformer<T> informer = informers.sharedInformer(type);
    watches.add(new Watched<>(informer, mapper));
    read.add(informer);
  }

  @Override
  public synchronized <T extends HasMetadata> void read(Class<T> type) {
    requireNonNull(type, "type");
    checkOpen();
    read.add(informers.sharedInformer(type));
  }

  @Override
  public synchronized <T extends HasMetadata> void index(Class<T> type, String indexName,
      Function<T, List<String>> indexFunction) {
    requireNonNull(type, "type");
    requireNonNull(indexName, "indexName");
    requireNonNull(indexFunction, "indexFunction");
    checkOpen();
    SharedInformer<T> informer = informers.sharedInformer(type);
    informer.addIndexer(indexName, indexFunction);
    read.add(informer);
  }

  @Override
  public InformerFactory informers() {
    return informers;
  }

  @Override
  public java.util.function.Consumer<io.capstan.spi.api.ObjectKey> queue() {
    return key -> {
      requireNonNull(key, "key");
      java.util.function.Consumer<io.capstan.spi.api.ObjectKey> to;
      synchronized (this) {
        if (sink == null) {
          early.add(key);
          return;
        }
        to = sink;
      }
      to.accept(key);
    };
  }

  /** Connects {@link #queue()} to the controller's work queue; keys added before are handed over now. */
  void connectQueue(java.util.function.Consumer<io.capstan.spi.api.ObjectKey> queue) {
    List<io.capstan.spi.api.ObjectKey> waiting;
    synchronized (this) {
      sink = requireNonNull(queue, "queue");
      waiting = List.copyOf(early);
      early.clear();
    }
    waiting.forEach(queue);
  }

  synchronized void close() {
    closed = true;
  }

  synchronized List<Watched<?>> watches() {
    return List.copyOf(watches);
  }

  /** Every informer the controller needs synced before its first reconcile. */
  synchronized Set<SharedInformer<?>> declaredInformers() {
    return Set.copyOf(read);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "ControllerSetup is only valid during Controller.setup(); declare watches there");
    }
  }
}
