package io.capstan.runtime.apiserver.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Set;

/**
 * The message fields that are Go structs embedded with {@code json:",inline"}: their properties
 * appear in the JSON of the enclosing object, not under the field's name, while protobuf keeps them
 * in a nested message. {@code env[].valueFrom.configMapKeyRef.name} is
 * {@code configMapKeyRef.localObjectReference.name} on the wire, a volume's {@code configMap} is
 * {@code volumeSource.configMap}, a probe's {@code httpGet} is {@code handler.httpGet}.
 *
 * <p>The descriptors do not mark embedding; go-to-protobuf names an embedded field after its type,
 * and this list holds every field of the served kinds that Kubernetes' Go types embed (a test lists
 * the fields that share their type's name, so a new embedding shows up there first).
 */
final class GoInlineFields {

  private static final String CORE = "k8s.io.api.core.v1.";

  private static final Set<String> FIELDS = Set.of(
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
      CORE + "VolumeMountStatus.volumeStatus",
      "k8s.io.api.networking.v1.IngressRule.ingressRuleValue");

  private GoInlineFields() {}

  /** True when {@code field} is an embedded Go struct whose properties belong to the enclosing JSON object. */
  static boolean isInline(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
        && FIELDS.contains(field.getContainingType().getFullName() + "." + field.getName());
  }

  /** Every entry as {@code <full message name>.<field>}, for the test that checks them against the descriptors. */
  static Set<String> entries() {
    return FIELDS;
  }
}
