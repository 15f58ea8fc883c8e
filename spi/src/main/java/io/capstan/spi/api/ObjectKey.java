package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The identity of an object within its kind: namespace and name, the key of work queues, caches
 * and log messages. The namespace is empty for cluster-scoped objects. Immutable.
 *
 * @param namespace the namespace, empty for cluster-scoped objects
 * @param name the object's name, never empty
 */
public record ObjectKey(String namespace, String name) implements Comparable<ObjectKey> {

  public ObjectKey {
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("object key needs a name (namespace '" + namespace + "')");
    }
    if (namespace.contains("/") || name.contains("/")) {
      throw new IllegalArgumentException("object key parts may not contain '/': '" + namespace + "', '" + name + "'");
    }
  }

  /** The key of a namespaced object. */
  public static ObjectKey of(String namespace, String name) {
    return new ObjectKey(namespace, name);
  }

  /** The key of a cluster-scoped object. */
  public static ObjectKey clusterScoped(String name) {
    return new ObjectKey("", name);
  }

  /**
   * The key of an object, from its metadata.
   *
   * @throws IllegalArgumentException when the object has no metadata or no name
   */
  public static ObjectKey of(HasMetadata object) {
    requireNonNull(object, "object");
    if (object.getMetadata() == null || object.getMetadata().getName() == null) {
      throw new IllegalArgumentException("object of kind " + object.getKind() + " has no metadata.name");
    }
    String namespace = object.getMetadata().getNamespace();
    return new ObjectKey(namespace == null ? "" : namespace, object.getMetadata().getName());
  }

  /**
   * Parses {@code "namespace/name"} or {@code "name"} (cluster-scoped), the form of
   * {@link #toString()} and of client-go's {@code MetaNamespaceKeyFunc}.
   *
   * @throws IllegalArgumentException for an empty name or more than one {@code /}
   */
  public static ObjectKey parse(String text) {
    requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      return clusterScoped(text);
    }
    if (text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("invalid object key '" + text + "': expected namespace/name or name");
    }
    return new ObjectKey(text.substring(0, slash), text.substring(slash + 1));
  }

  /** True when the namespace is empty. */
  public boolean isClusterScoped() {
    return namespace.isEmpty();
  }

  @Override
  public int compareTo(ObjectKey other) {
    int byNamespace = namespace.compareTo(other.namespace);
    return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
  }

  /** {@code namespace/name}, or {@code name} for a cluster-scoped object. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
