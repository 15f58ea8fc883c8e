package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.resource.PodLogs;
import io.capstan.spi.node.LogOptions;
import io.capstan.spi.node.LogSink;
import io.capstan.spi.node.LogSubscription;

/** One node agent's logs, as the API server's {@code pods/log} reads them. */
final class NodeLogSource implements PodLogs.Source {

  private final NodeAgent agent;

  NodeLogSource(NodeAgent agent) {
    this.agent = requireNonNull(agent, "agent");
  }

  @Override
  public LogSubscription read(String namespace, String pod, String container, LogOptions options, LogSink sink) {
    String id = agent.containerId(namespace, pod, container, options.previous()).orElseThrow(() -> new IllegalStateException(
        "container \"" + container + "\" in pod \"" + pod + "\" is waiting to start: ContainerCreating"));
    return agent.runtime().readLogs(id, options, sink);
  }
}
