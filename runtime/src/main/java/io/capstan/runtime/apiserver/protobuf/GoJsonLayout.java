package io.capstan.runtime.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Map;
import java.util.Set;

/**
 * Where the JSON layout of Kubernetes objects departs from their protobuf messages in ways the
 * descriptors do not show: embedded Go structs and renamed fields.
 *
 * <p>Embedded structs ({@code json:",inline"}): their properties appear in the JSON of the
 * enclosing object, while protobuf keeps them in a nested message, so
 * {@code env[].valueFrom.configMapKeyRef.name} is {@code configMapKeyRef.localObjectReference.name}
 * on the wire, a volume's {@code configMap} is {@code volumeSource.configMap} and a probe's
 * {@code httpGet} is {@code handler.httpGet}. go-to-protobuf names such a field after its type; a
 * test lists every field named so and checks this list against fabric8's model, whose classes
 * follow the JSON.
 *
 * <p>Renames: Kubernetes names protobuf fields after the JSON tags, with one exception in the served
 * kinds, {@code IngressClassParametersReference.aPIGroup} for JSON {@code apiGroup}.
 */
final class GoJsonLayout {

  private static final String CORE = "k8s.io.api.core.v1.";

  private static final Set<String> EMBEDDED = Set.of(
      CORE + "Volume.volumeSource",
      CORE + "PersistentVolumeSpec.persistentVolumeSource",
      CORE + "EphemeralContainer.ephemeralContainerCommon",
      CORE + "Probe.handler",
      CORE + "ConfigMapKeySelector.localObjectReference",
      CORE + "SecretKeySelector.localObjectReference",
      CORE + "ConfigMapEnvSource.localObjectReference",
      CORE + "SecretEnvSource.localObjectReference",
      CORE + "ConfigMapVolumeSource.localObjectReference",
      CORE + "ConfigMapProjection.localObjectReference",
      CORE + "SecretProjection.localObjectReference",
      "k8s.io.api.networking.v1.IngressRule.ingressRuleValue",
      "k8s.io.api.admissionregistration.v1.RuleWithOperations.rule");

  /** Protobuf field (full message name + field) to JSON property name, where they differ. */
  private static final Map<String, String> RENAMED =
      Map.of("k8s.io.api.networking.v1.IngressClassParametersReference.aPIGroup", "apiGroup");

  private GoJsonLayout() {}

  /** True when {@code field} is an embedded Go struct whose properties belong to the enclosing JSON object. */
  static boolean isEmbedded(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
        && EMBEDDED.contains(key(field));
  }

  /** The JSON property name of {@code field}. */
  static String jsonName(FieldDescriptor field) {
    return RENAMED.getOrDefault(key(field), field.getName());
  }

  /** The field of {@code type} whose JSON property is {@code name}, or null; embedded structs are not searched. */
  static FieldDescriptor fieldForJsonName(Descriptor type, String name) {
    requireNonNull(name, "name");
    for (FieldDescriptor f : type.getFields()) {
      if (jsonName(f).equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** Every embedded entry as {@code <full message name>.<field>}, for the test that checks them. */
  static Set<String> embeddedEntries() {
    return EMBEDDED;
  }

  /** Every renamed entry, protobuf field to JSON name, for the test that checks them. */
  static Map<String, String> renamedEntries() {
    return RENAMED;
  }

  private static String key(FieldDescriptor field) {
    return field.getContainingType().getFullName() + "." + field.getName();
  }
}
