package io.capstan.runtime.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.storage.StoredList;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** A list page as Kubernetes writes it: {@code <Kind>List} with resourceVersion, continue and items. */
final class ListBodies {

  private ListBodies() {}

  static ObjectNode of(ResourceKind kind, StoredList page) {
    ObjectNode list = KubeJson.mapper().createObjectNode();
    list.put("kind", kind.listKind());
    list.put("apiVersion", kind.apiVersion());
    ObjectNode metadata = list.putObject("metadata");
    metadata.put("resourceVersion", Long.toString(page.revision()));
    if (!page.continueToken().isEmpty()) {
      metadata.put("continue", page.continueToken());
      if (page.remaining() > 0) {
        metadata.put("remainingItemCount", page.remaining());
      }
    }
    ArrayNode items = list.putArray("items");
    for (HasMetadata item : page.items()) {
      items.add(KubeJson.mapper().<ObjectNode>valueToTree(item));
    }
    return list;
  }
}
