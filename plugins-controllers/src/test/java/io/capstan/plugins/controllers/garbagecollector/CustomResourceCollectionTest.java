package io.capstan.plugins.controllers.garbagecollector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.PropagationPolicy;
import io.capstan.spi.client.ResourceClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Owner references to and from kinds served from a CustomResourceDefinition created while the
 * collector runs, against a real in-process API server: background and foreground deletion, dangling
 * references, and the CRD's deletion taking its objects' dependents with them.
 */
class CustomResourceCollectionTest {

  private final ControllerFixture fx = new ControllerFixture();
  private ResourceClient<ConfigMap> maps;
  private ResourceClient<GenericKubernetesResource> gadgets;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void start() {
    fx.start(new GarbageCollector(GarbageCollectorConfig.defaults(), KindRegistry.builtIn()));
    fx.harness().awaitStarted(Duration.ofSeconds(20));
    maps = fx.client().resources(ConfigMap.class);
    gadgets = (ResourceClient<GenericKubernetesResource>) fx.client().resources(define("gadgets", "Gadget"));
  }

  /** Creates a namespaced CRD {@code <plural>.toys.example.com} and waits until it is served. */
  private ResourceKind define(String plural, String kind) {
    CustomResourceDefinition crd = fx.client().resources(CustomResourceDefinition.class).create(
        new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".toys.example.com").endMetadata()
            .withNewSpec().withGroup("toys.example.com").withScope("Namespaced")
            .withNewNames().withPlural(plural).withKind(kind).endNames()
            .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema()
            .withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema()
            .endSchema().endVersion().endSpec().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.client().resources(CustomResourceDefinition.class)
        .get("", crd.getMetadata().getName()).map(CustomKinds::established).orElse(false));
    return CustomKinds.watched(crd).orElseThrow();
  }

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  private GenericKubernetesResource gadget(String name, OwnerReference... owners) {
    return gadgets.create(new GenericKubernetesResourceBuilder().withApiVersion("toys.example.com/v1").withKind("Gadget")
        .withNewMetadata().withNamespace("default").withName(name).withOwnerReferences(owners).endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("size", 1))).build());
  }

  private ConfigMap map(String name, OwnerReference... owners) {
    return maps.create(new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName(name)
        .withOwnerReferences(owners).endMetadata().build());
  }

  private static OwnerReference ref(HasMetadata owner, String apiVersion, String kind, boolean block) {
    return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid()).withBlockOwnerDeletion(block).build();
  }

  private boolean mapExists(String name) {
    return maps.get("default", name).isPresent();
  }

  private boolean gadgetExists(String name) {
    return gadgets.get("default", name).isPresent();
  }

  @Test
  void dependentsOfACustomResourceAreDeletedInTheBackground() {
    GenericKubernetesResource owner = gadget("owner");
    map("dep", ref(owner, "toys.example.com/v1", "Gadget", false));
    gadget("child", ref(owner, "toys.example.com/v1", "Gadget", false));
    fx.quiesce();
    assertThat(mapExists("dep")).isTrue();
    assertThat(gadgetExists("child")).isTrue();

    gadgets.delete("default", "owner");

    await().atMost(Duration.ofSeconds(10)).until(() -> !mapExists("dep") && !gadgetExists("child"));
  }

  @Test
  void aCustomResourceOwnedByABuiltInKindIsCollected() {
    ConfigMap owner = map("owner");
    gadget("dep", ref(owner, "v1", "ConfigMap", false));
    fx.quiesce();
    assertThat(gadgetExists("dep")).isTrue();

    maps.delete("default", "owner");

    await().atMost(Duration.ofSeconds(10)).until(() -> !gadgetExists("dep"));
  }

  @Test
  void aReferenceToACustomOwnerThatIsNotThereIsDangling() {
    GenericKubernetesResource real = gadget("real");
    map("stale", new OwnerReferenceBuilder().withApiVersion("toys.example.com/v1").withKind("Gadget").withName("real")
        .withUid("00000000-0000-0000-0000-000000000000").build());
    map("kept", ref(real, "toys.example.com/v1", "Gadget", false));

    await().atMost(Duration.ofSeconds(10)).until(() -> !mapExists("stale"));
    fx.quiesce();
    assertThat(mapExists("kept")).as("an owner that exists keeps its dependent").isTrue();
    assertThat(gadgetExists("real")).isTrue();
  }

  @Test
  void aCustomOwnerDeletedInTheForegroundWaitsForItsBlockingDependents() {
    GenericKubernetesResource owner = gadget("owner");
    map("dep", ref(owner, "toys.example.com/v1", "Gadget", true));
    gadget("child", ref(owner, "toys.example.com/v1", "Gadget", true));
    fx.quiesce();
    AtomicBoolean ownerGoneFirst = new AtomicBoolean();

    gadgets.delete("default", "owner", DeleteOptions.DEFAULTS.withPropagationPolicy(PropagationPolicy.FOREGROUND));

    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
      boolean ownerExists = gadgetExists("owner");
      boolean anyDependent = mapExists("dep") || gadgetExists("child");
      if (!ownerExists && anyDependent) {
        ownerGoneFirst.set(true);
      }
      return !ownerExists && !anyDependent;
    });
    assertThat(ownerGoneFirst).as("the owner went before its blocking dependents").isFalse();
  }

  @Test
  void deletingTheDefinitionTakesTheDependentsOfItsObjects() {
    GenericKubernetesResource owner = gadget("owner");
    map("dep", ref(owner, "toys.example.com/v1", "Gadget", false));
    fx.quiesce();

    fx.client().resources(CustomResourceDefinition.class).delete("", "gadgets.toys.example.com");

    await().atMost(Duration.ofSeconds(10)).until(() -> !mapExists("dep"));
    await().atMost(Duration.ofSeconds(10)).until(() -> fx.client().resources(CustomResourceDefinition.class)
        .get("", "gadgets.toys.example.com").isEmpty());
  }

  @Test
  void anOwnerOfAKindNotServedYetIsLookedUpAgainOnceItsDefinitionIs() {
    map("waiting", new OwnerReferenceBuilder().withApiVersion("toys.example.com/v1").withKind("Widget").withName("w")
        .withUid("00000000-0000-0000-0000-000000000002").build());
    fx.quiesce();
    assertThat(mapExists("waiting")).as("an owner of an unknown kind is never presumed gone").isTrue();

    define("widgets", "Widget");

    await().atMost(Duration.ofSeconds(30)).until(() -> !mapExists("waiting"));
  }
}
