package io.capstan.plugins.controllers.garbagecollector;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.Lister;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.controller.EventMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The garbage collector's watches of kinds it did not declare in {@code setup} — kinds that share a
 * Java class (custom resources held as {@code GenericKubernetesResource}), among them those of
 * CustomResourceDefinitions created while it runs — as Kubernetes' {@code GraphBuilder} keeps one
 * monitor per resource and starts and stops them as discovery changes. Each monitor is a handler on
 * the kind's shared informer that feeds the ownership graph and the collector's queue. Thread-safe.
 */
final class KindMonitors {

  private static final Logger LOG = LoggerFactory.getLogger(KindMonitors.class);

  /** A running watch of one kind on behalf of {@code owner} (a CRD's name, or the kind itself). */
  private record Monitor<T extends HasMetadata>(ResourceKind kind, SharedInformer<T> informer,
      ResourceEventHandler<T> handler) {

    void stop() {
      informer.removeEventHandler(handler);
    }
  }

  private final InformerFactory informers;
  private final Consumer<ObjectKey> queue;
  private final BiFunction<ResourceKind, Lister<HasMetadata>, EventMapper<HasMetadata>> mappers;
  private final Map<String, Monitor<?>> monitors = new ConcurrentHashMap<>();

  /**
   * @param mappers the collector's event mapper of a kind, given the kind's lister
   */
  KindMonitors(InformerFactory informers, Consumer<ObjectKey> queue,
      BiFunction<ResourceKind, Lister<HasMetadata>, EventMapper<HasMetadata>> mappers) {
    this.informers = requireNonNull(informers, "informers");
    this.queue = requireNonNull(queue, "queue");
    this.mappers = requireNonNull(mappers, "mappers");
  }

  /** The kind watched for {@code owner}, if any. */
  Optional<ResourceKind> watched(String owner) {
    return Optional.ofNullable(monitors.get(owner)).map(Monitor::kind);
  }

  /** Watches {@code kind} for {@code owner}, replacing what it watched before. */
  synchronized void start(String owner, ResourceKind kind) {
    stop(owner);
    monitors.put(owner, connect(informers.sharedInformer(kind), kind));
    LOG.info("garbage collector: watching {} ({})", kind.qualifiedResource(), kind.apiVersion());
  }

  @SuppressWarnings("unchecked") // the informer's objects are HasMetadata; its lister is read as such
  private <T extends HasMetadata> Monitor<T> connect(SharedInformer<T> informer, ResourceKind kind) {
    EventMapper<HasMetadata> mapper = mappers.apply(kind, (Lister<HasMetadata>) informer.lister());
    ResourceEventHandler<T> handler = new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        mapper.map(object).forEach(queue);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        if (oldObject != newObject) {
          mapper.map(oldObject).forEach(queue);
        }
        mapper.map(newObject).forEach(queue);
      }

      @Override
      public void onDelete(T lastKnown, boolean finalStateUnknown) {
        mapper.map(lastKnown).forEach(queue);
      }
    };
    informer.addEventHandler(handler);
    return new Monitor<>(kind, informer, handler);
  }

  /** Stops the watch of {@code owner} and releases its informer; returns the kind it watched. */
  synchronized Optional<ResourceKind> stop(String owner) {
    Monitor<?> monitor = monitors.remove(owner);
    if (monitor == null) {
      return Optional.empty();
    }
    monitor.stop();
    informers.release(monitor.kind());
    LOG.info("garbage collector: stopped watching {}", monitor.kind().qualifiedResource());
    return Optional.of(monitor.kind());
  }
}
