package io.capstan.plugins.controllers.clusterroleaggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventRecorder;
import io.capstan.spi.controller.Result;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.rbac.AggregationRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller against a real in-process API server and shared informers. */
class ClusterRoleAggregationTest {

  static final PolicyRule PODS = new PolicyRuleBuilder().withApiGroups("").withResources("pods").withVerbs("get").build();
  static final PolicyRule JOBS = new PolicyRuleBuilder().withApiGroups("batch").withResources("jobs").withVerbs("list").build();
  static final PolicyRule NODES = new PolicyRuleBuilder().withApiGroups("").withResources("nodes").withVerbs("get").build();

  @TempDir Path dir;
  final ReferenceStore store = ReferenceStore.create();
  final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  ApiServer server;
  ApiClient client;
  DefaultInformerFactory informers;
  ClusterRoleAggregation controller;
  ControllerContext ctx;

  /** The host's context, as the controller manager passes it. */
  record Context(ApiClient client, InformerFactory informers, Clock clock, EventRecorder events)
      implements ControllerContext {}

  @BeforeEach
  void start() throws Exception {
    store.start();
    server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, 1000, Duration.ofSeconds(1), 8),
        dir, store, KindRegistry.builtIn(), List.of(), ObjectValidator.KUBERNETES, new WallClock(), executor,
        ApiExtensions.NONE, NonResourceEndpoints.NONE);
    server.start();
    client = new InProcessApiClient(server.api(), UserInfo.of("system:capstan", UserInfo.GROUP_MASTERS), executor, Optional.empty());
    informers = new DefaultInformerFactory(client, executor, new WallClock());
    controller = new ClusterRoleAggregation(() -> informers);
    ctx = new Context(client, informers, new WallClock(), (regarding, type, reason, message) -> { });
  }

  @AfterEach
  void stop() throws Exception {
    informers.stop();
    server.close();
    store.close();
    executor.close();
  }

  static ClusterRole role(String name, Map<String, String> labels, PolicyRule... rules) {
    return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().withRules(rules).build();
  }

  static ClusterRole aggregating(String name, Map<String, String> labels, String selectLabel) {
    return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withAggregationRule(new AggregationRuleBuilder().withClusterRoleSelectors(
            new LabelSelectorBuilder().withMatchLabels(Map.of(selectLabel, "true")).build()).build()).build();
  }

  private ClusterRole stored(String name) {
    return client.resources(ClusterRole.class).get("", name).orElseThrow();
  }

  private void createAndSync(ClusterRole... roles) {
    for (ClusterRole role : roles) {
      client.resources(ClusterRole.class).create(role);
    }
    informers.sharedInformer(ClusterRole.class);
    informers.start();
    await().atMost(Duration.ofSeconds(5)).until(() ->
        informers.sharedInformer(ClusterRole.class).lister().list("").size() >= roles.length);
  }

  @Test
  void writesTheUnionOfTheSelectedRolesRulesAndIsIdempotent() throws Exception {
    createAndSync(aggregating("agg", Map.of(), "x"), role("b-second", Map.of("x", "true"), JOBS, PODS),
        role("a-first", Map.of("x", "true"), PODS), role("other", Map.of(), NODES));
    assertThat(controller.reconcile(ObjectKey.clusterScoped("agg"), ctx)).isEqualTo(Result.done());
    ClusterRole agg = stored("agg");
    assertThat(agg.getRules()).containsExactly(PODS, JOBS);

    await().atMost(Duration.ofSeconds(5)).until(() -> informers.sharedInformer(ClusterRole.class).lister()
        .get("", "agg").map(r -> agg.getMetadata().getResourceVersion().equals(r.getMetadata().getResourceVersion())).orElse(false));
    controller.reconcile(ObjectKey.clusterScoped("agg"), ctx);
    assertThat(stored("agg").getMetadata().getResourceVersion()).isEqualTo(agg.getMetadata().getResourceVersion());
  }

  @Test
  void followsLabelChangesAndIgnoresRolesWithoutAggregation() throws Exception {
    createAndSync(aggregating("agg", Map.of(), "x"), role("a", Map.of("x", "true"), PODS), role("b", Map.of("x", "true"), NODES));
    controller.reconcile(ObjectKey.clusterScoped("agg"), ctx);
    assertThat(stored("agg").getRules()).containsExactly(PODS, NODES);

    ClusterRole b = new ClusterRoleBuilder(stored("b")).editMetadata().withLabels(Map.of()).endMetadata().build();
    client.resources(ClusterRole.class).update(b);
    await().atMost(Duration.ofSeconds(5)).until(() -> informers.sharedInformer(ClusterRole.class).lister()
        .get("", "b").map(r -> r.getMetadata().getLabels() == null || r.getMetadata().getLabels().isEmpty()).orElse(false));
    controller.reconcile(ObjectKey.clusterScoped("agg"), ctx);
    assertThat(stored("agg").getRules()).containsExactly(PODS);

    String before = stored("a").getMetadata().getResourceVersion();
    assertThat(controller.reconcile(ObjectKey.clusterScoped("a"), ctx)).isEqualTo(Result.done());
    assertThat(controller.reconcile(ObjectKey.clusterScoped("gone"), ctx)).isEqualTo(Result.done());
    assertThat(stored("a").getMetadata().getResourceVersion()).isEqualTo(before);
  }

  @Test
  void everyClusterRoleEventWakesEveryAggregatingRole() {
    createAndSync(aggregating("admin", Map.of(), "x"), aggregating("view", Map.of("x", "true"), "y"), role("plain", Map.of(), PODS));
    assertThat(ClusterRoleAggregation.aggregatorsOf(informers.sharedInformer(ClusterRole.class).lister())
        .map(role("anything", Map.of())))
        .containsExactlyInAnyOrder(ObjectKey.clusterScoped("admin"), ObjectKey.clusterScoped("view"));
  }

  @Test
  void nestedAggregationConvergesThroughSuccessiveReconciles() throws Exception {
    createAndSync(aggregating("admin", Map.of(), "to-admin"), aggregating("view", Map.of("to-admin", "true"), "to-view"),
        role("pods", Map.of("to-view", "true"), PODS));
    controller.reconcile(ObjectKey.clusterScoped("view"), ctx);
    await().atMost(Duration.ofSeconds(5)).until(() -> informers.sharedInformer(ClusterRole.class).lister()
        .get("", "view").map(r -> r.getRules() != null && !r.getRules().isEmpty()).orElse(false));
    controller.reconcile(ObjectKey.clusterScoped("admin"), ctx);
    assertThat(stored("admin").getRules()).containsExactly(PODS);
  }
}
