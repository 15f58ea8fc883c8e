package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.node.LogOptions;
import io.capstan.spi.node.LogSink;
import io.capstan.spi.node.LogSubscription;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the API server's {@code pods/log} reads from: a source per node, registered by the node
 * agents of the same process (a kubelet's log endpoint, without the network hop). Thread-safe.
 */
public final class PodLogs {

  /** Reads one container's log on one node. */
  public interface Source {

    /**
     * Delivers the log of a pod's container to the sink, as
     * {@link io.capstan.spi.node.ContainerRuntime#readLogs} does.
     *
     * @throws IllegalStateException with a user-facing message when the container has not started
     * @throws io.capstan.spi.node.ContainerRuntimeException when there is no such (previous) container
     */
    LogSubscription read(String namespace, String pod, String container, LogOptions options, LogSink sink);
  }

  private final Map<String, Source> byNode = new ConcurrentHashMap<>();

  public void register(String node, Source source) {
    byNode.put(requireNonNull(node, "node"), requireNonNull(source, "source"));
  }

  public void unregister(String node, Source source) {
    byNode.remove(node, source);
  }

  public Optional<Source> forNode(String node) {
    return Optional.ofNullable(byNode.get(node));
  }
}
