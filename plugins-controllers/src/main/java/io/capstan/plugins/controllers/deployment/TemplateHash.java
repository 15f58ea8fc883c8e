package io.capstan.plugins.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} of a Deployment's template (Kubernetes' {@code controller.ComputeHash}):
 * FNV-32a over the template, then over the collision count as four little-endian bytes padded to
 * eight, rendered as the decimal of the hash through {@code rand.SafeEncodeString}. Kubernetes feeds
 * FNV a dump of the Go struct; Capstan feeds it the template's canonical JSON (keys sorted), so the
 * value differs from a Kubernetes cluster's for the same template, but has the same properties:
 * stable, and changed by any template change or collision count.
 */
public final class TemplateHash {

  public static final String LABEL = "pod-template-hash";
  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private TemplateHash() {}

  public static String of(PodTemplateSpec template, int collisionCount) {
    int hash = FNV_OFFSET;
    hash = fnv(hash, canonical(template).getBytes(StandardCharsets.UTF_8));
    if (collisionCount > 0) {
      byte[] count = new byte[8];
      count[0] = (byte) collisionCount;
      count[1] = (byte) (collisionCount >>> 8);
      count[2] = (byte) (collisionCount >>> 16);
      count[3] = (byte) (collisionCount >>> 24);
      hash = fnv(hash, count);
    }
    return safeEncode(Long.toString(Integer.toUnsignedLong(hash)));
  }

  /** {@code rand.SafeEncodeString}: each character mapped into letters and digits that spell no words. */
  static String safeEncode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      out.append(ALPHANUMS.charAt(s.charAt(i) % ALPHANUMS.length()));
    }
    return out.toString();
  }

  private static int fnv(int hash, byte[] bytes) {
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  /** The template as sorted-key JSON, without the pod-template-hash label. */
  static String canonical(PodTemplateSpec template) {
    return KubeJson.mapper().valueToTree(tree(template)).toString();
  }

  /** Kubernetes' {@code EqualIgnoreHash}: equal templates, ignoring the pod-template-hash label. */
  public static boolean equalIgnoreHash(PodTemplateSpec a, PodTemplateSpec b) {
    return tree(a).equals(tree(b));
  }

  /**
   * Drops nulls, empty objects and empty lists, recursively: Kubernetes compares templates as Go
   * structs, where {@code resources: {}} and an absent {@code resources} are the same value (kubectl's
   * rollback sends the former).
   */
  private static boolean prune(JsonNode node) {
    if (node instanceof ObjectNode object) {
      var fields = object.fields();
      while (fields.hasNext()) {
        if (prune(fields.next().getValue())) {
          fields.remove();
        }
      }
      return object.isEmpty();
    }
    if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
      array.forEach(TemplateHash::prune);
      return array.isEmpty();
    }
    return node == null || node.isNull();
  }

  private static JsonNode tree(PodTemplateSpec template) {
    JsonNode node = KubeJson.mapper().valueToTree(template == null ? new PodTemplateSpec() : template);
    JsonNode labels = node.path("metadata").path("labels");
    if (labels instanceof ObjectNode labelMap) {
      labelMap.remove(LABEL);
      if (labelMap.isEmpty()) {
        ((ObjectNode) node.get("metadata")).remove("labels");
      }
    }
    prune(node);
    JsonNode meta = node.path("metadata");
    if (meta instanceof ObjectNode m) {
      m.remove("creationTimestamp");
      if (m.isEmpty()) {
        ((ObjectNode) node).remove("metadata");
      }
    }
    return node;
  }
}
