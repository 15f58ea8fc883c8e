package io.capstan.runtime.apiserver.openapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.discovery.ServedGroup;
import io.capstan.runtime.apiserver.discovery.VersionInfo;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API server's OpenAPI v3 documents, as pure functions of the {@link KindRegistry}:
 * {@code GET /openapi/v3} answers {@link #index()}, {@code GET /openapi/v3/<path>} answers
 * {@link #document(String)}, both {@code application/json}.
 *
 * <p>Why kubectl needs them (kubectl.md §0.3, §3.3): {@code kubectl create/apply} with the default
 * {@code --validate=strict} downloads the document of the object's group version and looks for a
 * PATCH operation of the object's kind that declares {@code fieldValidation}; finding it, kubectl
 * leaves validation to the server and sends {@code fieldValidation=Strict}. Without it the
 * commands fail. The schemas also serve {@code kubectl explain}.
 *
 * <p>All documents are built together, once, on the first call that needs one, so that the index
 * can list their hashes. Immutable and thread-safe.
 */
public final class OpenApiV3 {

  /** The {@code Content-Type} of the index and of every document. */
  public static final String CONTENT_TYPE = "application/json";

  private final KindRegistry registry;
  private volatile Map<String, OpenApiDocument> documents;

  private OpenApiV3(KindRegistry registry) {
    this.registry = registry;
  }

  /**
   * The documents, built on first use: building them walks every model class (about half a
   * second warm, a few seconds on a cold JVM), which a server that nobody asks for OpenAPI should
   * not pay at start-up.
   */
  private Map<String, OpenApiDocument> documents() {
    Map<String, OpenApiDocument> built = documents;
    if (built == null) {
      synchronized (this) {
        built = documents;
        if (built == null) {
          built = new LinkedHashMap<>();
          for (ServedGroup group : ServedGroup.all(registry)) {
            for (Map.Entry<String, List<ResourceKind>> v : group.versions().entrySet()) {
              String path = group.name().isEmpty() ? "api/" + v.getKey() : "apis/" + group.name() + "/" + v.getKey();
              built.put(path, new OpenApiDocument(path,
                  GroupVersionDocument.build(v.getValue(), VersionInfo.KUBERNETES_VERSION)));
            }
          }
          documents = Collections.unmodifiableMap(built);
        }
      }
    }
    return built;
  }

  /** The documents of the kinds of {@code registry}. */
  public static OpenApiV3 of(KindRegistry registry) {
    return new OpenApiV3(requireNonNull(registry, "registry"));
  }

  /**
   * {@code GET /openapi/v3}: {@code {"paths": {"apis/apps/v1": {"serverRelativeURL":
   * "/openapi/v3/apis/apps/v1?hash=..."}, ...}}}, one entry per served group version.
   */
  public ObjectNode index() {
    ObjectNode index = JsonNodeFactory.instance.objectNode();
    ObjectNode paths = index.putObject("paths");
    documents().forEach((path, doc) -> paths.putObject(path).put("serverRelativeURL", doc.serverRelativeUrl()));
    return index;
  }

  /**
   * The document at {@code path}: {@code apis/apps/v1}, {@code api/v1}, also accepted with a
   * leading {@code /} or {@code /openapi/v3/}. Empty when the group version is not served (404).
   * The {@code hash} query parameter is not part of the path.
   */
  public Optional<OpenApiDocument> document(String path) {
    requireNonNull(path, "path");
    String key = path.startsWith("/openapi/v3/") ? path.substring("/openapi/v3/".length())
        : path.startsWith("/") ? path.substring(1) : path;
    return Optional.ofNullable(documents().get(key));
  }

  /** The index keys, in index order. */
  public List<String> paths() {
    return List.copyOf(documents().keySet());
  }
}
