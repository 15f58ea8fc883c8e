package io.capstan.runtime.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The parts of the HTTP API that are pure functions of kinds and objects, supplied by their own
 * packages: Tables for kubectl's printers, patches, and protobuf bodies. Each may be absent; the
 * server then answers as Kubernetes does without it (plain lists, 415 for a patch or body type it
 * cannot read).
 */
public record ApiExtensions(Optional<TableRenderer> tables, Optional<PatchApplier> patches,
    Optional<Bodies.ProtobufDecoder> protobuf) {

  public static final ApiExtensions NONE = new ApiExtensions(Optional.empty(), Optional.empty(), Optional.empty());

  /** Renders objects as a meta.k8s.io/v1 Table. */
  public interface TableRenderer {
    JsonNode render(ResourceKind kind, List<HasMetadata> items, String resourceVersion, String continueToken, Instant now);
  }

  /** Applies a patch body of the given content type to the live object's tree. */
  public interface PatchApplier {
    /**
     * @param live the current object as a tree (absent for an apply that creates)
     * @return the patched tree
     */
    JsonNode apply(String contentType, ResourceKind kind, Optional<JsonNode> live, byte[] body, PatchContext context);
  }

  /** Who patches, for server-side apply's field ownership. */
  public record PatchContext(String fieldManager, boolean force, Instant now) {}
}
