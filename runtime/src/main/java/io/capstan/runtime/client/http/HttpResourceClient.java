package io.capstan.runtime.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.ObjectList;
import io.capstan.spi.client.PatchType;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.client.Watch;
import io.capstan.spi.client.WatchHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/** One kind over HTTP: the REST paths and JSON bodies of Kubernetes. */
final class HttpResourceClient<T extends HasMetadata> implements ResourceClient<T> {

  private final HttpTransport transport;
  private final ResourceKind kind;
  private final Class<T> type;

  HttpResourceClient(HttpTransport transport, ResourceKind kind, Class<T> type) {
    this.transport = transport;
    this.kind = kind;
    this.type = type;
  }

  String collection(String namespace) {
    String base = kind.group().isEmpty() ? "/api/" + kind.version() : "/apis/" + kind.group() + "/" + kind.version();
    return kind.namespaced() && !namespace.isEmpty() ? base + "/namespaces/" + namespace + "/" + kind.plural() : base + "/" + kind.plural();
  }

  private String item(String namespace, String name) {
    return collection(namespace) + "/" + name;
  }

  private static String namespaceOf(HasMetadata object) {
    String ns = object.getMetadata().getNamespace();
    return ns == null ? "" : ns;
  }

  private T decode(byte[] body) {
    try {
      return KubeJson.mapper().readValue(body, type);
    } catch (IOException e) {
      throw new UncheckedIOException("the server's answer is not a " + kind.kind(), e);
    }
  }

  private static byte[] encode(Object value) {
    try {
      return KubeJson.mapper().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<T> get(String namespace, String name) {
    try {
      return Optional.of(decode(transport.send("GET", item(namespace, name), null, null)));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public ObjectList<T> list(ListOptions options) {
    JsonNode list;
    try {
      list = KubeJson.mapper().readTree(transport.send("GET", collection(options.namespace()) + query(options, false), null, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<T> items = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      items.add(KubeJson.mapper().convertValue(item, type));
    }
    JsonNode meta = list.path("metadata");
    return new ObjectList<>(items, meta.path("resourceVersion").asText(""), meta.path("continue").asText(""));
  }

  static String query(ListOptions options, boolean watch) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    add(query, "labelSelector", options.labelSelector());
    add(query, "fieldSelector", options.fieldSelector());
    add(query, "resourceVersion", options.resourceVersion());
    add(query, "continue", options.continueToken());
    if (options.limit() > 0) {
      add(query, "limit", Long.toString(options.limit()));
    }
    if (watch) {
      add(query, "watch", "true");
      if (options.allowWatchBookmarks()) {
        add(query, "allowWatchBookmarks", "true");
      }
    }
    return query.toString();
  }

  private static void add(StringJoiner query, String name, String value) {
    if (!value.isEmpty()) {
      query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  @Override
  public T create(T object) {
    return decode(transport.send("POST", collection(namespaceOf(object)), encode(object), "application/json"));
  }

  @Override
  public T update(T object) {
    return decode(transport.send("PUT", item(namespaceOf(object), object.getMetadata().getName()), encode(object), "application/json"));
  }

  @Override
  public T updateStatus(T object) {
    return decode(transport.send("PUT", item(namespaceOf(object), object.getMetadata().getName()) + "/status", encode(object),
        "application/json"));
  }

  @Override
  public T patch(String namespace, String name, PatchType patchType, String body) {
    return decode(transport.send("PATCH", item(namespace, name), body.getBytes(StandardCharsets.UTF_8), patchType.contentType()));
  }

  @Override
  public void delete(String namespace, String name, DeleteOptions options) {
    var body = KubeJson.mapper().createObjectNode();
    body.put("apiVersion", "v1");
    body.put("kind", "DeleteOptions");
    options.propagationPolicy().ifPresent(p -> body.put("propagationPolicy", p.kubernetesName()));
    options.gracePeriodSeconds().ifPresent(g -> body.put("gracePeriodSeconds", g));
    options.preconditionUid().ifPresent(uid -> body.with("preconditions").put("uid", uid));
    options.preconditionResourceVersion().ifPresent(rv -> body.with("preconditions").put("resourceVersion", rv));
    if (options.dryRun()) {
      body.putArray("dryRun").add("All");
    }
    transport.send("DELETE", item(namespace, name), encode(body), "application/json");
  }

  @Override
  public void createSubresource(String namespace, String name, String subresource, HasMetadata body) {
    transport.send("POST", item(namespace, name) + "/" + subresource, encode(body), "application/json");
  }

  @Override
  public Watch watch(ListOptions options, WatchHandler<T> handler) {
    return HttpWatch.start(transport, collection(options.namespace()) + query(options, true), type, handler);
  }
}
