package io.capstan.runtime.apiserver.openapi;

import static io.capstan.runtime.apiserver.openapi.Operations.capitalize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.discovery.SubresourceInfo;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST paths of one kind, with Kubernetes' operations on them: the collection
 * ({@code list}, {@code create}, {@code deletecollection}), the object ({@code get}, {@code put},
 * {@code patch}, {@code delete}), the all-namespaces list of a namespaced kind, and each
 * subresource ({@code status}, {@code scale}, {@code log}, {@code binding}, {@code eviction},
 * {@code finalize}). An operation is published only when the kind supports its verb, so the
 * document never offers what the server refuses. Stateless.
 */
final class PathItems {

  private static final Map<String, Class<?>> SUBRESOURCE_TYPES = Map.of(
      "autoscaling/v1/Scale", Scale.class, "/v1/Binding", Binding.class, "policy/v1/Eviction", Eviction.class);

  private final ResourceKind kind;
  private final String schema;
  private final String listSchema;
  private final String tag;
  private final Gvk gvk;
  private final String prefix;

  /**
   * @param kind the kind
   * @param schema the name of its object schema
   * @param listSchema the name of its list schema
   */
  PathItems(ResourceKind kind, String schema, String listSchema) {
    this.kind = kind;
    this.schema = schema;
    this.listSchema = listSchema;
    this.tag = Operations.tag(kind.group(), kind.version());
    this.gvk = new Gvk(kind.group(), kind.version(), kind.kind());
    this.prefix = kind.group().isEmpty() ? "/api/" + kind.version() : "/apis/" + kind.group() + "/" + kind.version();
  }

  /** Adds the kind's path items to {@code paths}. */
  void addTo(ObjectNode paths) {
    boolean ns = kind.namespaced();
    String collection = prefix + (ns ? "/namespaces/{namespace}/" : "/") + kind.plural();
    String item = collection + "/{name}";
    String scoped = (ns ? "Namespaced" : "") + kind.kind();

    ObjectNode collectionItem = paths.putObject(collection);
    if (can("deletecollection")) {
      List<ObjectNode> params = new ArrayList<>(Parameters.DELETE);
      params.addAll(Parameters.LIST);
      ObjectNode op = op(collectionItem, "delete", "delete" + id() + "Collection" + scoped,
          "delete collection of " + kind.kind(), "deletecollection", params);
      Operations.deleteBody(op);
      Operations.responses(op, SchemaNames.META + "Status", false, "200");
    }
    if (can("list")) {
      ObjectNode op = op(collectionItem, "get", "list" + id() + scoped, "list or watch objects of kind " + kind.kind(),
          "list", Parameters.LIST);
      Operations.responses(op, listSchema, true, "200");
    }
    Operations.pathParameters(collectionItem, kind.kind(), false, ns);
    if (can("create")) {
      ObjectNode op = op(collectionItem, "post", "create" + id() + scoped, "create " + article() + kind.kind(), "post",
          Parameters.WRITE);
      Operations.jsonBody(op, schema);
      Operations.responses(op, schema, false, "200", "201", "202");
    }

    ObjectNode object = paths.putObject(item);
    if (can("delete")) {
      ObjectNode op = op(object, "delete", "delete" + id() + scoped, "delete " + article() + kind.kind(), "delete",
          Parameters.DELETE);
      Operations.deleteBody(op);
      Operations.responses(op, SchemaNames.META + "Status", false, "200", "202");
    }
    if (can("get")) {
      Operations.responses(op(object, "get", "read" + id() + scoped, "read the specified " + kind.kind(), "get",
          List.of()), schema, false, "200");
    }
    Operations.pathParameters(object, kind.kind(), true, ns);
    if (can("patch")) {
      ObjectNode op = op(object, "patch", "patch" + id() + scoped, "partially update the specified " + kind.kind(),
          "patch", Parameters.PATCH);
      Operations.patchBody(op, !custom());
      Operations.responses(op, schema, false, "200", "201");
    }
    if (can("update")) {
      ObjectNode op = op(object, "put", "replace" + id() + scoped, "replace the specified " + kind.kind(), "put",
          Parameters.WRITE);
      Operations.jsonBody(op, schema);
      Operations.responses(op, schema, false, "200", "201");
    }

    if (ns && can("list")) {
      ObjectNode all = paths.putObject(prefix + "/" + kind.plural());
      Operations.responses(op(all, "get", "list" + id() + kind.kind() + "ForAllNamespaces",
          "list or watch objects of kind " + kind.kind(), "list", Parameters.LIST), listSchema, true, "200");
      Operations.pathParameters(all, kind.kind(), false, false);
    }
    for (String sub : kind.subresources()) {
      addSubresource(paths.putObject(item + "/" + sub), SubresourceInfo.of(kind, sub), scoped);
    }
  }

  private void addSubresource(ObjectNode path, SubresourceInfo sub, String scoped) {
    Gvk subGvk = new Gvk(sub.group(), sub.version(), sub.kind());
    String subSchema = subresourceType(sub).<String>map(SchemaNames::forClass).orElse(schema);
    String suffix = scoped + capitalize(sub.name());
    String of = sub.name() + " of the specified " + kind.kind();
    if (sub.name().equals("log")) {
      Operations.textResponse(op(path, "get", "read" + id() + suffix, "read " + of, "get", Parameters.LOG, subGvk));
    } else if (sub.verbs().contains("create")) {
      ObjectNode op = op(path, "post", "create" + id() + suffix, "create " + sub.name() + " of " + article()
          + kind.kind(), "post", Parameters.WRITE, subGvk);
      Operations.jsonBody(op, subSchema);
      Operations.responses(op, subSchema, false, "200", "201", "202");
    }
    if (sub.verbs().contains("get") && !sub.name().equals("log")) {
      Operations.responses(op(path, "get", "read" + id() + suffix, "read " + of, "get", List.of(), subGvk),
          subSchema, false, "200");
    }
    Operations.pathParameters(path, kind.kind(), true, kind.namespaced());
    if (sub.verbs().contains("patch")) {
      ObjectNode op = op(path, "patch", "patch" + id() + suffix, "partially update " + of, "patch",
          Parameters.PATCH, subGvk);
      Operations.patchBody(op, !custom());
      Operations.responses(op, subSchema, false, "200", "201");
    }
    if (sub.verbs().contains("update")) {
      ObjectNode op = op(path, "put", "replace" + id() + suffix, "replace " + of, "put", Parameters.WRITE, subGvk);
      Operations.jsonBody(op, subSchema);
      Operations.responses(op, subSchema, false, "200", "201");
    }
  }

  /**
   * The model class of a subresource that reads and writes another kind than its parent
   * ({@code scale}, {@code binding}, {@code eviction}), empty when it uses the parent's.
   */
  static Optional<Class<?>> subresourceType(SubresourceInfo sub) {
    return Optional.ofNullable(SUBRESOURCE_TYPES.get(sub.group() + "/" + sub.version() + "/" + sub.kind()));
  }

  private ObjectNode op(ObjectNode path, String method, String id, String description, String action,
      List<ObjectNode> params) {
    return op(path, method, id, description, action, params, gvk);
  }

  private ObjectNode op(ObjectNode path, String method, String id, String description, String action,
      List<ObjectNode> params, Gvk of) {
    ObjectNode op = Operations.operation(id, description, tag, action, of, params);
    path.set(method, op);
    return op;
  }

  private boolean can(String verb) {
    return kind.verbs().contains(verb);
  }

  private String id() {
    return Operations.groupPascal(kind.group()) + capitalize(kind.version());
  }

  private String article() {
    return "AEIOU".indexOf(kind.kind().charAt(0)) >= 0 ? "an " : "a ";
  }

  /** A kind served from a schema (a CRD's or a plugin's), which takes no strategic merge patch. */
  private boolean custom() {
    return kind.schema().isPresent() || kind.javaType() == io.fabric8.kubernetes.api.model.GenericKubernetesResource.class;
  }
}
