package io.capstan.runtime.apiserver.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ListQuery;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.storage.StoredList;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The REST verbs on resources: decodes the request, calls the in-process {@link ResourceApi} and
 * encodes the answer in the negotiated form (JSON, YAML, Table, watch stream).
 */
final class ResourceEndpoint {

  /** Watches without timeoutSeconds end after about this long, as Kubernetes' min-request-timeout spreads them. */
  private static final Duration DEFAULT_WATCH_TIMEOUT = Duration.ofMinutes(30);

  private final ResourceApi api;
  private final ApiExtensions extensions;
  private final Bodies bodies;
  private final WatchEndpoint watches;
  private final PatchEndpoint patches;
  private final DeleteEndpoint deletes;
  private final LogEndpoint logs;

  ResourceEndpoint(ResourceApi api, ApiExtensions extensions, TaskExecutor executor) {
    this.api = requireNonNull(api, "api");
    this.extensions = requireNonNull(extensions, "extensions");
    this.bodies = new Bodies(extensions.protobuf().orElse(null));
    this.watches = new WatchEndpoint(api, extensions, requireNonNull(executor, "executor"), DEFAULT_WATCH_TIMEOUT);
    this.patches = new PatchEndpoint(api, extensions);
    this.deletes = new DeleteEndpoint(api, bodies);
    this.logs = new LogEndpoint(api);
  }

  void handle(RequestInfo info, Request request, Response response, Callback callback, UserInfo user, byte[] body)
      throws Exception {
    ResourceKind kind = api.kinds().byResource(info.group(), info.resource())
        .filter(k -> k.version().equals(info.version()))
        .orElseThrow(() -> ApiErrors.notFoundPath("the server could not find the requested resource"));
    if (kind.namespaced() && info.namespace().isEmpty() && !info.name().isEmpty()) {
      throw ApiErrors.notFoundPath("the server could not find the requested resource");
    }
    QueryParams query = new QueryParams(Request.extractQueryParameters(request));
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    ApiRequest scope = new ApiRequest(kind, kind.namespaced() ? info.namespace() : "", info.name(), info.subresource(), user,
        query.dryRun(), query.get("fieldManager"), query.get("fieldValidation").isEmpty() ? "Ignore" : query.get("fieldValidation"));
    switch (info.verb()) {
      case "get" -> get(scope, query, accept, response, callback);
      case "list" -> list(scope, query, accept, response, callback);
      case "watch" -> watches.watch(scope, query.listQuery(), accept, response, callback);
      case "create" -> create(scope, body, contentType, accept, response, callback);
      case "update" -> update(scope, body, contentType, accept, response, callback);
      case "patch" -> patches.patch(scope, query, body, contentType, accept, response, callback);
      case "delete" -> deletes.delete(scope, body, contentType, query, accept, response, callback);
      case "deletecollection" -> deletes.deleteCollection(scope, body, contentType, query, accept, response, callback);
      default -> throw ApiErrors.methodNotAllowed("the server does not allow this method on the requested resource");
    }
  }

  private void get(ApiRequest scope, QueryParams query, String accept, Response response, Callback callback) {
    switch (scope.subresource()) {
      case "", "status" -> {
        boolean asTable = MediaTypes.wantsTable(accept) && extensions.tables().isPresent();
        boolean pretty = query.flag("pretty");
        if (!asTable && !pretty && !MediaTypes.wantsYaml(accept)) {
          // Plain JSON needs no transformation: served from the stored bytes, not decoded and encoded again.
          Responses.bytes(response, callback, 200, MediaTypes.JSON, api.reads().getJson(scope, query.get("resourceVersion")));
          return;
        }
        HasMetadata object = api.reads().get(scope, query.get("resourceVersion"));
        if (asTable) {
          Responses.table(response, callback, extensions.tables().get().render(scope.kind(), java.util.List.of(object),
              object.getMetadata().getResourceVersion(), "", api.strategy().now()), pretty);
        } else {
          Responses.json(response, callback, 200, object, accept, pretty);
        }
      }
      case "scale" -> Responses.json(response, callback, 200, api.subresources().getScale(scope), accept);
      case "log" -> logs.serve(scope, query, response, callback);
      default -> throw ApiErrors.notFoundPath("the server could not find the requested resource");
    }
  }

  private void list(ApiRequest scope, QueryParams query, String accept, Response response, Callback callback) {
    ListQuery listQuery = query.listQuery();
    boolean asTable = MediaTypes.wantsTable(accept) && extensions.tables().isPresent();
    boolean pretty = query.flag("pretty");
    if (!asTable && !pretty && !MediaTypes.wantsYaml(accept)) {
      // Plain JSON: the items' stored bytes go out as they are, not decoded and encoded again.
      Responses.bytes(response, callback, 200, MediaTypes.JSON, ListBodies.json(scope.kind(), api.reads().listJson(scope, listQuery)));
      return;
    }
    StoredList page = api.reads().list(scope, listQuery);
    if (asTable) {
      Responses.table(response, callback, extensions.tables().get().render(scope.kind(), page.items(), Long.toString(page.revision()),
          page.continueToken(), api.strategy().now()), pretty);
      return;
    }
    Responses.json(response, callback, 200, ListBodies.of(scope.kind(), page), accept, pretty);
  }

  /** Creates and updates carry one object; {@code null}, arrays and scalars are a 400. */
  static JsonNode requireObject(JsonNode tree) {
    if (!tree.isObject()) {
      throw ApiErrors.badRequest("the body of the request must be a JSON object, not " + tree.getNodeType().name().toLowerCase());
    }
    return tree;
  }

  private void create(ApiRequest scope, byte[] body, String contentType, String accept, Response response, Callback callback) {
    JsonNode tree = requireObject(bodies.read(body, contentType));
    switch (scope.subresource()) {
      case "" -> {
        HasMetadata object = ObjectDecoding.decode(scope.kind(), tree, scope.fieldValidation());
        Responses.json(response, callback, 201, api.writes().create(scope, object), accept);
      }
      case "binding" -> {
        Binding binding = KubeJson.mapper().convertValue(tree, Binding.class);
        api.subresources().bind(scope, binding);
        Responses.json(response, callback, 201, ApiErrors.success(scope.kind(), scope.name()), accept);
      }
      case "eviction" -> {
        api.subresources().evict(scope, DeleteEndpoint.deleteOptions(tree.path("deleteOptions")));
        Responses.json(response, callback, 201, ApiErrors.success(scope.kind(), scope.name()), accept);
      }
      default -> throw ApiErrors.methodNotAllowed("the server does not allow this method on the requested resource");
    }
  }

  private void update(ApiRequest scope, byte[] body, String contentType, String accept, Response response, Callback callback) {
    JsonNode tree = requireObject(bodies.read(body, contentType));
    switch (scope.subresource()) {
      case "" -> {
        HasMetadata object = ObjectDecoding.decode(scope.kind(), tree, scope.fieldValidation());
        Responses.json(response, callback, 200, api.writes().update(scope, object), accept);
      }
      case "status" -> {
        HasMetadata object = ObjectDecoding.decode(scope.kind(), tree, "Ignore");
        Responses.json(response, callback, 200, api.writes().updateStatus(scope, object), accept);
      }
      case "scale" -> {
        Scale scale = KubeJson.mapper().convertValue(tree, Scale.class);
        Responses.json(response, callback, 200, api.subresources().updateScale(scope, scale), accept);
      }
      case "finalize" -> {
        HasMetadata object = ObjectDecoding.decode(scope.kind(), tree, "Ignore");
        Responses.json(response, callback, 200, api.subresources().finalizeNamespace(scope, object), accept);
      }
      default -> throw ApiErrors.methodNotAllowed("the server does not allow this method on the requested resource");
    }
  }
}
