package io.capstan.runtime.apiserver.storage;

import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.store.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * Where objects live in the store, in the shape the Kubernetes API server uses in etcd:
 * {@code /registry/<group>/<plural>/<namespace>/<name>} for namespaced kinds and
 * {@code /registry/<group>/<plural>/<name>} for cluster-scoped ones, with {@code core} for the
 * core group. One prefix per kind lets a list or a watch of one kind be a single prefix range.
 */
public final class StorageKeys {

  public static final String ROOT = "/registry/";

  private StorageKeys() {}

  /** The prefix of every object of the kind: {@code /registry/apps/deployments/}. */
  public static String kindPrefix(ResourceKind kind) {
    return ROOT + (kind.group().isEmpty() ? "core" : kind.group()) + "/" + kind.plural() + "/";
  }

  /** The prefix of a namespace's objects, or the kind's prefix for "all namespaces" ({@code ""}). */
  public static String listPrefix(ResourceKind kind, String namespace) {
    if (!kind.namespaced() || namespace.isEmpty()) {
      return kindPrefix(kind);
    }
    return kindPrefix(kind) + namespace + "/";
  }

  public static String objectKey(ResourceKind kind, String namespace, String name) {
    return kind.namespaced() ? kindPrefix(kind) + namespace + "/" + name : kindPrefix(kind) + name;
  }

  public static Bytes bytes(String key) {
    return Bytes.copyOf(key.getBytes(StandardCharsets.UTF_8));
  }
}
