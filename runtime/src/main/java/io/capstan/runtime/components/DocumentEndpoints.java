package io.capstan.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.discovery.DiscoveryDocuments;
import io.capstan.runtime.apiserver.discovery.DiscoveryResponse;
import io.capstan.runtime.apiserver.discovery.VersionInfo;
import io.capstan.runtime.apiserver.http.MediaTypes;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.apiserver.openapi.OpenApiV3;
import io.capstan.runtime.CapstanVersion;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.KubeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /version}, discovery and OpenAPI from the discovery and openapi packages: the documents
 * kubectl reads before anything else.
 */
final class DocumentEndpoints implements NonResourceEndpoints {

  private final Supplier<KindRegistry> kinds;
  private volatile Documents documents;
  private final byte[] version;
  private final String serverAddress;

  /** Discovery and OpenAPI of one set of kinds; rebuilt when CRDs change the served kinds. */
  private record Documents(KindRegistry kinds, DiscoveryDocuments discovery, OpenApiV3 openApi) {}

  DocumentEndpoints(Supplier<KindRegistry> kinds, String serverAddress) {
    this.kinds = kinds;
    this.version = json(VersionInfo.capstan(CapstanVersion.version(), Instant.parse("2026-01-01T00:00:00Z"), "unknown").toJson());
    this.serverAddress = serverAddress;
  }

  @Override
  public Optional<Reply> get(String path, String query, String accept) {
    Documents current = documents();
    DiscoveryDocuments discovery = current.discovery();
    OpenApiV3 openApi = current.openApi();
    if (path.equals("/version")) {
      return Optional.of(new Reply(200, MediaTypes.JSON, version));
    }
    if (path.equals("/api")) {
      return Optional.of(reply(discovery.api(accept, serverAddress)));
    }
    if (path.equals("/apis")) {
      return Optional.of(reply(discovery.apis(accept)));
    }
    if (path.equals("/openapi/v3")) {
      return Optional.of(new Reply(200, MediaTypes.JSON, json(openApi.index())));
    }
    if (path.startsWith("/openapi/v3/")) {
      return openApi.document(path.substring("/openapi/v3/".length()))
          .map(doc -> new Reply(200, MediaTypes.JSON, doc.bytes()));
    }
    String[] parts = path.substring(1).split("/");
    if (parts.length == 2 && parts[0].equals("api")) {
      return discovery.resourceList("", parts[1]).map(body -> new Reply(200, MediaTypes.JSON, json(body)));
    }
    if (parts.length == 2 && parts[0].equals("apis")) {
      return discovery.apiGroup(parts[1]).map(body -> new Reply(200, MediaTypes.JSON, json(body)));
    }
    if (parts.length == 3 && parts[0].equals("apis")) {
      return discovery.resourceList(parts[1], parts[2]).map(body -> new Reply(200, MediaTypes.JSON, json(body)));
    }
    return Optional.empty();
  }

  private Documents documents() {
    KindRegistry now = kinds.get();
    Documents built = documents;
    if (built == null || built.kinds() != now) {
      built = new Documents(now, DiscoveryDocuments.of(now), OpenApiV3.of(now));
      documents = built;
    }
    return built;
  }

  private static Reply reply(DiscoveryResponse response) {
    return new Reply(200, response.contentType(), json(response.body()));
  }

  private static byte[] json(JsonNode node) {
    try {
      return KubeJson.mapper().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
