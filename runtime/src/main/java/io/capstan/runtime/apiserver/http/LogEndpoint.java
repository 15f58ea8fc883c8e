package io.capstan.runtime.apiserver.http;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.PodLogs;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.spi.node.ContainerRuntimeException;
import io.capstan.spi.node.LogLine;
import io.capstan.spi.node.LogOptions;
import io.capstan.spi.node.LogSink;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/v1/namespaces/NS/pods/NAME/log}: a container's log read from the node agent that
 * runs the pod, with kubectl's parameters {@code container, follow, previous, tailLines,
 * sinceSeconds, sinceTime, timestamps, limitBytes}. Plain text; with {@code follow} the response
 * streams until the container exits or the client goes away.
 */
final class LogEndpoint {

  private final ResourceApi api;

  LogEndpoint(ResourceApi api) {
    this.api = requireNonNull(api, "api");
  }

  void serve(ApiRequest scope, QueryParams query, Response response, Callback callback) {
    if (!scope.kind().kind().equals("Pod") || !scope.kind().group().isEmpty()) {
      throw ApiErrors.notFoundPath("the server could not find the requested resource");
    }
    Pod pod = (Pod) api.reads().get(scope.withSubresource(""), "");
    String container = container(pod, query.get("container"));
    String node = pod.getSpec().getNodeName();
    if (node == null || node.isEmpty()) {
      throw ApiErrors.badRequest("pod " + pod.getMetadata().getName() + " does not have a host assigned");
    }
    PodLogs.Source source = api.subresources().logs().forNode(node).orElseThrow(() -> ApiErrors.serviceUnavailable(
        "no node agent of node " + node + " serves logs to this API server (logs are served for node agents in the API server's process)"));
    boolean follow = query.flag("follow");
    boolean previous = query.flag("previous");
    if (follow && previous) {
      follow = false;
    }
    long tail = query.number("tailLines", -1);
    long limitBytes = query.number("limitBytes", -1);
    if (limitBytes == 0 || limitBytes < -1) {
      throw ApiErrors.badRequest("limitBytes must be greater than 0");
    }
    Optional<Instant> since = since(query);
    boolean timestamps = query.flag("timestamps");
    LogOptions options = new LogOptions(tail < 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.min(tail, Integer.MAX_VALUE)),
        since, follow, previous);
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    if (!follow) {
      Collected collected = new Collected(timestamps, limitBytes);
      read(source, ns, name, container, options, collected);
      Responses.bytes(response, callback, 200, "text/plain", collected.out.toByteArray());
      return;
    }
    LogStream stream = new LogStream(response, callback, timestamps, limitBytes);
    stream.attach(read(source, ns, name, container, options, stream));
  }

  private static io.capstan.spi.node.LogSubscription read(PodLogs.Source source, String ns, String name, String container,
      LogOptions options, LogSink sink) {
    try {
      return source.read(ns, name, container, options, sink);
    } catch (IllegalStateException e) {
      throw ApiErrors.badRequest(e.getMessage());
    } catch (ContainerRuntimeException e) {
      throw ApiErrors.badRequest(e.getMessage());
    } catch (UnsupportedOperationException e) {
      throw ApiErrors.badRequest("the node's container runtime does not serve logs: " + e.getMessage());
    }
  }

  private static Optional<Instant> since(QueryParams query) {
    long sinceSeconds = query.number("sinceSeconds", -1);
    if (sinceSeconds == 0 || sinceSeconds < -1) {
      throw ApiErrors.badRequest("sinceSeconds must be greater than 0");
    }
    String sinceTime = query.get("sinceTime");
    if (sinceSeconds > 0 && !sinceTime.isEmpty()) {
      throw ApiErrors.badRequest("at most one of sinceTime or sinceSeconds may be specified");
    }
    if (sinceSeconds > 0) {
      return Optional.of(Instant.now().minusSeconds(sinceSeconds));
    }
    if (!sinceTime.isEmpty()) {
      try {
        return Optional.of(Instant.parse(sinceTime));
      } catch (DateTimeParseException e) {
        throw ApiErrors.badRequest("sinceTime must be an RFC 3339 time, e.g. 2024-01-01T00:00:00Z");
      }
    }
    return Optional.empty();
  }

  /** The container asked for, or the only one; Kubernetes' messages otherwise. */
  static String container(Pod pod, String asked) {
    List<String> names = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      names.add(c.getName());
    }
    List<String> init = new ArrayList<>();
    if (pod.getSpec().getInitContainers() != null) {
      pod.getSpec().getInitContainers().forEach(c -> init.add(c.getName()));
    }
    String name = pod.getMetadata().getName();
    if (asked.isEmpty()) {
      if (names.size() == 1) {
        return names.get(0);
      }
      throw ApiErrors.badRequest("a container name must be specified for pod " + name + ", choose one of: " + names
          + (init.isEmpty() ? "" : " or one of the init containers: " + init));
    }
    if (!names.contains(asked) && !init.contains(asked)) {
      throw ApiErrors.badRequest("container " + asked + " is not valid for pod " + name);
    }
    return asked;
  }

  static byte[] format(LogLine line, boolean timestamps) {
    String text = (timestamps ? line.time().toString() + " " : "") + line.text() + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A non-follow read: every line, then the answer. */
  private static final class Collected implements LogSink {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean timestamps;
    private final long limitBytes;

    Collected(boolean timestamps, long limitBytes) {
      this.timestamps = timestamps;
      this.limitBytes = limitBytes;
    }

    @Override
    public synchronized void line(LogLine line) {
      byte[] bytes = format(line, timestamps);
      if (limitBytes > 0) {
        long room = limitBytes - out.size();
        if (room <= 0) {
          return;
        }
        out.write(bytes, 0, (int) Math.min(room, bytes.length));
      } else {
        out.writeBytes(bytes);
      }
    }
  }
}
