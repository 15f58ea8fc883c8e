package io.capstan.runtime.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.capstan.spi.api.BuiltInKinds;
import io.capstan.spi.api.ResourceKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The kinds table covers what Capstan serves, and the hand-kept Go tables ({@link GoZeroFields},
 * {@link GoJsonLayout}) name real fields of the schema, so a client-java-proto upgrade that renames
 * or drops one fails here rather than silently.
 */
class ProtobufKindsTest {

  /** Every message reachable from a served kind, by full name. */
  private static final Map<String, Descriptor> REACHABLE = reachable();

  /**
   * Singular message fields named after their own type that Kubernetes' Go types declare as named
   * fields, not as embedded structs; reviewed one by one. A new name here after an upgrade means:
   * look at the Go type, then add it to this list or to {@link GoJsonLayout}.
   */
  private static final Set<String> NAMED_NOT_EMBEDDED = Set.of(
      "api.authentication.v1.SelfSubjectReviewStatus.userInfo",
      "api.authorization.v1.SelfSubjectAccessReviewSpec.nonResourceAttributes",
      "api.authorization.v1.SelfSubjectAccessReviewSpec.resourceAttributes",
      "api.authorization.v1.SubjectAccessReviewSpec.nonResourceAttributes",
      "api.authorization.v1.SubjectAccessReviewSpec.resourceAttributes",
      "api.batch.v1.JobSpec.podFailurePolicy",
      "api.batch.v1.JobSpec.successPolicy",
      "api.batch.v1.JobStatus.uncountedTerminatedPods",
      "api.core.v1.Affinity.nodeAffinity",
      "api.core.v1.Affinity.podAffinity",
      "api.core.v1.Affinity.podAntiAffinity",
      "api.core.v1.ClusterTrustBundleProjection.labelSelector",
      "api.core.v1.Container.lifecycle",
      "api.core.v1.Container.securityContext",
      "api.core.v1.EphemeralContainerCommon.lifecycle",
      "api.core.v1.EphemeralContainerCommon.securityContext",
      "api.core.v1.PersistentVolumeClaimStatus.modifyVolumeStatus",
      "api.core.v1.PodAffinityTerm.labelSelector",
      "api.core.v1.PodSecurityContext.appArmorProfile",
      "api.core.v1.PodSecurityContext.seccompProfile",
      "api.core.v1.PodSpec.affinity",
      "api.core.v1.ResourceQuotaSpec.scopeSelector",
      "api.core.v1.SecurityContext.appArmorProfile",
      "api.core.v1.SecurityContext.capabilities",
      "api.core.v1.SecurityContext.seccompProfile",
      "api.core.v1.ServiceSpec.sessionAffinityConfig",
      "api.core.v1.TopologySpreadConstraint.labelSelector",
      "api.core.v1.VolumeMountStatus.volumeStatus",
      "api.core.v1.WeightedPodAffinityTerm.podAffinityTerm",
      "api.policy.v1.Eviction.deleteOptions",
      "api.rbac.v1.ClusterRole.aggregationRule",
      "api.rbac.v1.ClusterRoleBinding.roleRef",
      "api.rbac.v1.RoleBinding.roleRef",
      "apimachinery.pkg.apis.meta.v1.DeleteOptions.preconditions",
      "apimachinery.pkg.apis.meta.v1.ListMeta.shardInfo",
      "apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry.fieldsV1",
      "apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry.time");

  @Test
  void everyBuiltInKindAndItsListIsSupportedButCustomResourceDefinitions() {
    for (ResourceKind k : BuiltInKinds.all()) {
      boolean crd = k.kind().equals("CustomResourceDefinition");
      assertThat(KubeProtobuf.supports(k.apiVersion(), k.kind())).as(k.toString()).isEqualTo(!crd);
      assertThat(KubeProtobuf.supports(k.apiVersion(), k.listKind())).as(k.listKind()).isEqualTo(!crd);
    }
  }

  @Test
  void theKindsTypedClientsSendToSubresourcesAndReviewsAreSupported() {
    assertThat(KubeProtobuf.supports("v1", "Binding")).isTrue();
    assertThat(KubeProtobuf.supports("v1", "Status")).isTrue();
    assertThat(KubeProtobuf.supports("autoscaling/v1", "Scale")).isTrue();
    assertThat(KubeProtobuf.supports("policy/v1", "Eviction")).isTrue();
    assertThat(KubeProtobuf.supports("authentication.k8s.io/v1", "SelfSubjectReview")).isTrue();
    assertThat(KubeProtobuf.supports("authentication.k8s.io/v1", "TokenRequest")).isTrue();
    assertThat(KubeProtobuf.supports("authorization.k8s.io/v1", "SelfSubjectAccessReview")).isTrue();
    for (String apiVersion : new String[] {"v1", "apps/v1", "meta.k8s.io/v1"}) {
      assertThat(KubeProtobuf.supports(apiVersion, "DeleteOptions")).as(apiVersion).isTrue();
    }
  }

  @Test
  void unknownKindsAndVersionsAreNotSupported() {
    assertThat(KubeProtobuf.supports("example.com/v1", "Widget")).isFalse();
    assertThat(KubeProtobuf.supports("apps/v1beta1", "Deployment")).isFalse();
    assertThat(KubeProtobuf.supports("v1", "Deployment")).isFalse();
    assertThat(KubeProtobuf.supports("", "DeleteOptions")).isFalse();
  }

  @Test
  void everyZeroKeepingEntryNamesASingularScalarFieldOfAServedMessage() {
    assertThat(GoZeroFields.entries()).filteredOn(entry -> field(entry) == null).as("entries naming no field")
        .isEmpty();
    assertThat(GoZeroFields.entries()).filteredOn(entry -> field(entry) != null)
        .allSatisfy(entry -> assertThat(field(entry).getJavaType()).as(entry)
            .isNotEqualTo(FieldDescriptor.JavaType.MESSAGE))
        .allSatisfy(entry -> assertThat(field(entry).isRepeated()).as(entry).isFalse());
  }

  @Test
  void everyEmbeddedEntryNamesASingularMessageFieldOfAServedMessage() {
    assertThat(GoJsonLayout.embeddedEntries()).allSatisfy(entry -> {
      assertThat(field(entry)).as(entry).isNotNull();
      assertThat(GoJsonLayout.isEmbedded(field(entry))).as(entry).isTrue();
    });
  }

  @Test
  void everyFieldNamedAfterItsTypeIsReviewedAsEmbeddedOrNamed() {
    Set<String> named = new TreeSet<>();
    for (Descriptor d : REACHABLE.values()) {
      for (FieldDescriptor f : d.getFields()) {
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isRepeated()
            && f.getName().equals(lowerCamel(f.getMessageType().getName())) && !GoJsonLayout.isEmbedded(f)) {
          named.add(d.getFullName().substring("k8s.io.".length()) + "." + f.getName());
        }
      }
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(NAMED_NOT_EMBEDDED);
  }

  @Test
  void noServedMessageHoldsADurationWhoseJsonIsNotImplemented() {
    assertThat(REACHABLE).doesNotContainKey("k8s.io.apimachinery.pkg.apis.meta.v1.Duration");
    assertThat(REACHABLE.keySet()).contains(WellKnownTypes.TIME, WellKnownTypes.MICRO_TIME, WellKnownTypes.QUANTITY,
        WellKnownTypes.INT_OR_STRING, WellKnownTypes.RAW_EXTENSION, WellKnownTypes.FIELDS_V1);
  }

  /** The field an entry names, or null when its message is not reachable or has no such field. */
  private static FieldDescriptor field(String entry) {
    int dot = entry.lastIndexOf('.');
    Descriptor type = REACHABLE.get(entry.substring(0, dot));
    return type == null ? null : type.findFieldByName(entry.substring(dot + 1));
  }

  private static String lowerCamel(String name) {
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static Map<String, Descriptor> reachable() {
    Map<String, Descriptor> seen = new TreeMap<>();
    Deque<Descriptor> queue = new ArrayDeque<>();
    ProtobufKinds.all().forEach(e -> queue.add(e.type()));
    queue.add(ProtobufKinds.lookup("v1", "DeleteOptions").orElseThrow().type());
    while (!queue.isEmpty()) {
      Descriptor d = queue.pop();
      if (seen.putIfAbsent(d.getFullName(), d) == null) {
        d.getFields().stream().filter(f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE)
            .forEach(f -> queue.add(f.getMessageType()));
      }
    }
    return seen;
  }
}
