package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Deep copies of fabric8 objects through their JSON tree, which keeps everything the wire form
 * keeps, {@code additionalProperties} (fields Capstan does not model) included.
 *
 * <p>Caches and informers hand out shared objects that nobody may change; a component that wants to
 * modify one copies it first, with this class or a fabric8 builder ({@code new PodBuilder(pod)},
 * which is faster but shares nested {@code additionalProperties} maps). Thread-safe; the cost is
 * one serialization and one deserialization.
 */
public final class DeepCopy {

  private DeepCopy() {}

  /**
   * A deep copy of {@code object}, of the same class.
   *
   * @throws IllegalArgumentException when the object cannot be written or read back as JSON
   */
  @SuppressWarnings("unchecked")
  public static <T> T of(T object) {
    requireNonNull(object, "object");
    return copyAs(object, (Class<T>) object.getClass());
  }

  /**
   * Converts {@code object} to another type with the same JSON shape, e.g. a
   * {@code GenericKubernetesResource} to a {@code Pod}.
   *
   * @throws IllegalArgumentException when the JSON does not fit {@code type}
   */
  public static <T> T copyAs(Object object, Class<T> type) {
    requireNonNull(object, "object");
    requireNonNull(type, "type");
    try {
      JsonNode tree = KubeJson.mapper().valueToTree(object);
      return KubeJson.mapper().treeToValue(tree, type);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot copy " + object.getClass().getName() + " as " + type.getName()
          + ": " + e.getMessage(), e);
    }
  }
}
