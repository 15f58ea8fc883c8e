package io.capstan.plugins.controllers.garbagecollector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.PropagationPolicy;
import io.capstan.spi.client.ResourceClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Background, foreground and orphan deletion against a real API server. */
class GarbageCollectorTest {

  private final ControllerFixture fx = new ControllerFixture();
  private ResourceClient<ConfigMap> maps;

  @BeforeEach
  void start() {
    fx.start(new GarbageCollector(GarbageCollectorConfig.defaults(), KindRegistry.builtIn()));
    fx.harness().awaitStarted(Duration.ofSeconds(20));
    maps = fx.client().resources(ConfigMap.class);
  }

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  private ConfigMap owner(String name) {
    return maps.create(new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata().build());
  }

  private static OwnerReference ref(ConfigMap owner, boolean block) {
    return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid()).withBlockOwnerDeletion(block).build();
  }

  private ConfigMap dependent(String name, OwnerReference... refs) {
    return maps.create(new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName(name)
        .withOwnerReferences(refs).endMetadata().build());
  }

  private boolean exists(String name) {
    return maps.get("default", name).isPresent();
  }

  @Test
  void backgroundDeletionRemovesDependentsAfterTheOwner() {
    ConfigMap owner = owner("owner");
    for (int i = 0; i < 3; i++) {
      dependent("dep-" + i, ref(owner, false));
    }
    fx.quiesce();
    assertThat(exists("dep-0")).isTrue();
    maps.delete("default", "owner");
    await().atMost(Duration.ofSeconds(10)).until(() -> !exists("dep-0") && !exists("dep-1") && !exists("dep-2"));
  }

  @Test
  void aReferenceToAnOwnerWithAnotherUidIsDangling() {
    owner("owner");
    dependent("stale", new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName("owner")
        .withUid("00000000-0000-0000-0000-000000000000").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> !exists("stale"));
    assertThat(exists("owner")).isTrue();
  }

  @Test
  void aDependentWithAnotherLiveOwnerOnlyLosesTheGoneReference() {
    ConfigMap a = owner("a");
    ConfigMap b = owner("b");
    dependent("shared", ref(a, false), ref(b, false));
    fx.quiesce();
    maps.delete("default", "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> maps.get("default", "shared").orElseThrow().getMetadata()
        .getOwnerReferences().size() == 1);
    assertThat(maps.get("default", "shared").orElseThrow().getMetadata().getOwnerReferences())
        .extracting(OwnerReference::getName).containsExactly("b");
  }

  @Test
  void foregroundDeletionKeepsTheOwnerUntilBlockingDependentsAreGone() {
    ConfigMap owner = owner("owner");
    dependent("dep-a", ref(owner, true));
    dependent("dep-b", ref(owner, true));
    fx.quiesce();
    AtomicBoolean ownerGoneFirst = new AtomicBoolean();
    maps.delete("default", "owner", DeleteOptions.DEFAULTS.withPropagationPolicy(PropagationPolicy.FOREGROUND));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
      boolean ownerExists = exists("owner");
      boolean anyDependent = exists("dep-a") || exists("dep-b");
      if (!ownerExists && anyDependent) {
        ownerGoneFirst.set(true);
      }
      return !ownerExists && !anyDependent;
    });
    assertThat(ownerGoneFirst).as("the owner went before its blocking dependents").isFalse();
  }

  @Test
  void orphanDeletionKeepsDependentsWithoutTheReference() {
    ConfigMap owner = owner("owner");
    ConfigMap other = owner("other");
    dependent("dep", ref(owner, true), ref(other, false));
    dependent("solo", ref(owner, true));
    fx.quiesce();
    maps.delete("default", "owner", DeleteOptions.DEFAULTS.withPropagationPolicy(PropagationPolicy.ORPHAN));
    await().atMost(Duration.ofSeconds(10)).until(() -> !exists("owner"));
    fx.quiesce();
    assertThat(maps.get("default", "dep").orElseThrow().getMetadata().getOwnerReferences())
        .extracting(OwnerReference::getName).containsExactly("other");
    List<OwnerReference> solo = maps.get("default", "solo").orElseThrow().getMetadata().getOwnerReferences();
    assertThat(solo == null || solo.isEmpty()).isTrue();
  }

  @Test
  void aDependentIsLookedAtWhenItsReferencesChangeNotAtEveryUpdate() {
    ConfigMap owner = owner("owner");
    dependent("dep", ref(owner, false));
    fx.quiesce();
    long before = fx.harness().manager().reconciles().get(GarbageCollector.NAME);
    for (int i = 0; i < 10; i++) {
      ConfigMap current = maps.get("default", "dep").orElseThrow();
      current.setData(java.util.Map.of("round", Integer.toString(i)));
      maps.update(current);
    }
    fx.quiesce();
    assertThat(fx.harness().manager().reconciles().get(GarbageCollector.NAME) - before)
        .as("data updates of a dependent whose owner is known cost no collection").isZero();

    owner("other");
    ConfigMap current = maps.get("default", "dep").orElseThrow();
    current.getMetadata().setOwnerReferences(List.of(ref(owner, false), new OwnerReferenceBuilder().withApiVersion("v1")
        .withKind("ConfigMap").withName("gone").withUid("00000000-0000-0000-0000-000000000001").build()));
    maps.update(current);
    await().atMost(Duration.ofSeconds(10)).until(() -> maps.get("default", "dep").orElseThrow().getMetadata()
        .getOwnerReferences().size() == 1);
    assertThat(exists("other")).isTrue();
  }
}
