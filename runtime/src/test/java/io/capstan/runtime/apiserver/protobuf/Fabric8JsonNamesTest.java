package io.capstan.runtime.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.capstan.spi.api.KubeJson;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * fabric8's model classes follow the Kubernetes JSON (they are generated from its OpenAPI), so they
 * check what the descriptors cannot: every JSON property the codec writes for a served message,
 * after {@link GoJsonLayout}'s embedding and renames, must be a property of the fabric8 class of the
 * same name. A missing embedding shows up as an unknown property ({@code volumeSource}), a wrong
 * one as a promoted property fabric8 does not have, a rename as {@code aPIGroup}. Properties only
 * fabric8 has are not errors: its model may be newer than client-java-proto's schema.
 */
class Fabric8JsonNamesTest {

  private static final Map<String, String> FABRIC8_PACKAGES = Map.ofEntries(
      Map.entry("k8s.io.api.core.v1", "io.fabric8.kubernetes.api.model"),
      Map.entry("k8s.io.apimachinery.pkg.apis.meta.v1", "io.fabric8.kubernetes.api.model"),
      Map.entry("k8s.io.api.apps.v1", "io.fabric8.kubernetes.api.model.apps"),
      Map.entry("k8s.io.api.batch.v1", "io.fabric8.kubernetes.api.model.batch.v1"),
      Map.entry("k8s.io.api.networking.v1", "io.fabric8.kubernetes.api.model.networking.v1"),
      Map.entry("k8s.io.api.rbac.v1", "io.fabric8.kubernetes.api.model.rbac"),
      Map.entry("k8s.io.api.policy.v1", "io.fabric8.kubernetes.api.model.policy.v1"),
      Map.entry("k8s.io.api.coordination.v1", "io.fabric8.kubernetes.api.model.coordination.v1"),
      Map.entry("k8s.io.api.discovery.v1", "io.fabric8.kubernetes.api.model.discovery.v1"),
      Map.entry("k8s.io.api.events.v1", "io.fabric8.kubernetes.api.model.events.v1"),
      Map.entry("k8s.io.api.autoscaling.v1", "io.fabric8.kubernetes.api.model.autoscaling.v1"),
      Map.entry("k8s.io.api.autoscaling.v2", "io.fabric8.kubernetes.api.model.autoscaling.v2"),
      Map.entry("k8s.io.api.scheduling.v1", "io.fabric8.kubernetes.api.model.scheduling.v1"));

  /** Alpha fields whose shape changed between client-java-proto's schema and fabric8's. */
  private static final Set<String> SCHEMA_SKEW =
      Set.of("k8s.io.api.core.v1.NodeAllocatableResourceClaimStatus.resources");

  @Test
  void everyPropertyTheCodecWritesIsAFabric8Property() {
    Map<String, Set<String>> unknown = new TreeMap<>();
    int compared = 0;
    for (Descriptor d : reachable()) {
      Optional<Class<?>> model = fabric8Class(d);
      if (model.isEmpty()) {
        continue; // embedded types have no class of their own; authn/authz models are not on this classpath
      }
      compared++;
      Set<String> fabric8 = KubeJson.mapper().getSerializationConfig()
          .introspect(KubeJson.mapper().constructType(model.get())).findProperties().stream()
          .map(BeanPropertyDefinition::getName).collect(Collectors.toSet());
      Set<String> extra = new TreeSet<>(jsonNames(d));
      extra.removeAll(fabric8);
      extra.removeIf(name -> SCHEMA_SKEW.contains(d.getFullName() + "." + name));
      if (!extra.isEmpty()) {
        unknown.put(d.getFullName(), extra);
      }
    }
    assertThat(compared).as("messages compared with a fabric8 class").isGreaterThan(250);
    assertThat(unknown).as("JSON properties fabric8 does not know, by message").isEmpty();
  }

  @Test
  void theRenameAndTheEmbeddingsAreWhatFabric8Shows() throws Exception {
    Class<?> parameters =
        Class.forName("io.fabric8.kubernetes.api.model.networking.v1.IngressClassParametersReference");
    assertThat(parameters.getMethod("getApiGroup")).isNotNull();
    Class<?> volume = Class.forName("io.fabric8.kubernetes.api.model.Volume");
    assertThat(volume.getMethod("getConfigMap")).isNotNull();
    Class<?> probe = Class.forName("io.fabric8.kubernetes.api.model.Probe");
    assertThat(probe.getMethod("getHttpGet")).isNotNull();
  }

  /** The JSON property names of {@code d}'s fields, embedded structs flattened. */
  private static Set<String> jsonNames(Descriptor d) {
    Set<String> out = new TreeSet<>();
    for (FieldDescriptor f : d.getFields()) {
      if (GoJsonLayout.isEmbedded(f)) {
        out.addAll(jsonNames(f.getMessageType()));
      } else {
        out.add(GoJsonLayout.jsonName(f));
      }
    }
    return out;
  }

  private static Optional<Class<?>> fabric8Class(Descriptor d) {
    String pkg = FABRIC8_PACKAGES.get(d.getFile().getPackage());
    if (pkg == null || d.getOptions().getMapEntry() || WellKnownTypes.handles(d)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Class.forName(pkg + "." + d.getName()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  private static Set<Descriptor> reachable() {
    Map<String, Descriptor> seen = new TreeMap<>();
    Deque<Descriptor> queue = new ArrayDeque<>();
    ProtobufKinds.all().forEach(e -> queue.add(e.type()));
    while (!queue.isEmpty()) {
      Descriptor d = queue.pop();
      if (seen.putIfAbsent(d.getFullName(), d) == null) {
        d.getFields().stream().filter(f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE)
            .forEach(f -> queue.add(f.getMessageType()));
      }
    }
    return Set.copyOf(seen.values());
  }
}
