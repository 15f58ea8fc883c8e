package io.capstan.runtime.apiserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.storage.ObjectStorage;
import io.capstan.runtime.apiserver.storage.StoredList;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A list page as Kubernetes writes it: {@code <Kind>List} with resourceVersion, continue and items. */
final class ListBodies {

  private ListBodies() {}

  static ObjectNode of(ResourceKind kind, StoredList page) {
    ObjectNode list = head(kind, page.revision(), page.continueToken(), page.remaining());
    ArrayNode items = list.putArray("items");
    for (HasMetadata item : page.items()) {
      items.add(KubeJson.mapper().<ObjectNode>valueToTree(item));
    }
    return list;
  }

  /** The same list as JSON bytes, its items' JSON ({@link ObjectStorage#listJson}) copied in as they are. */
  static byte[] json(ResourceKind kind, ObjectStorage.Page<byte[]> page) {
    byte[] head;
    try {
      head = KubeJson.mapper().writeValueAsBytes(head(kind, page.revision(), page.continueToken(), page.remaining()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode list metadata", e);
    }
    int size = head.length + ITEMS.length + 2;
    for (byte[] item : page.items()) {
      size += item.length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.write(head, 0, head.length - 1); // without its closing brace
    out.writeBytes(ITEMS);
    for (int i = 0; i < page.items().size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(page.items().get(i));
    }
    out.write(']');
    out.write('}');
    return out.toByteArray();
  }

  private static final byte[] ITEMS = ",\"items\":[".getBytes(StandardCharsets.US_ASCII);

  private static ObjectNode head(ResourceKind kind, long revision, String continueToken, long remaining) {
    ObjectNode list = KubeJson.mapper().createObjectNode();
    list.put("kind", kind.listKind());
    list.put("apiVersion", kind.apiVersion());
    ObjectNode metadata = list.putObject("metadata");
    metadata.put("resourceVersion", Long.toString(revision));
    if (!continueToken.isEmpty()) {
      metadata.put("continue", continueToken);
      if (remaining > 0) {
        metadata.put("remainingItemCount", remaining);
      }
    }
    return list;
  }
}
