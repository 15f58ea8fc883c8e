package io.capstan.plugins.admission.rbac;

import static io.capstan.plugins.admission.rbac.RbacObjects.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.Decision;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ForbiddenException;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escalation prevention through a real API server: a user holding {@code admin} in namespace
 * {@code a} can hand out what they hold there and nothing more, unless granted {@code escalate}
 * or {@code bind}; nothing is stored when a write is refused.
 */
class RbacEscalationTest {

  static final UserInfo ALICE = UserInfo.of("alice", UserInfo.GROUP_AUTHENTICATED);

  @TempDir static Path dir;
  static RbacCluster cluster;
  static ApiClient alice;

  @BeforeAll
  static void start() throws Exception {
    cluster = new RbacCluster(dir, true);
    cluster.admin.resources(RoleBinding.class).create(binding("a", "alice-admin", "ClusterRole", "admin", user("alice")));
    alice = cluster.client(ALICE);
    await().atMost(Duration.ofSeconds(5)).until(() -> cluster.authorizer.authorize(AuthorizationAttributes.resource(
        ALICE, "create", "a", GROUP, "v1", "roles", "", "")).decision() == Decision.ALLOW
        && held("a", rule("", "pods", "get")));
  }

  /** Whether the escalation plugin's own index already gives alice the rule in the namespace. */
  static boolean held(String namespace, io.fabric8.kubernetes.api.model.rbac.PolicyRule rule) {
    return RbacCoverage.uncovered(cluster.escalation.cache().rulesFor(ALICE, namespace, new java.util.ArrayList<>()),
        List.of(rule)).isEmpty();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void aRoleWithRulesTheUserHoldsIsAccepted() {
    alice.resources(Role.class).create(role("a", "pod-reader", List.of(rule("", "pods", "get", "list"),
        rule("apps", "deployments/scale", "update"))));
    assertThat(cluster.admin.resources(Role.class).get("a", "pod-reader")).isPresent();
  }

  @Test
  void aRoleWithRulesTheUserLacksIsForbiddenWithKubernetesMessage() {
    assertThatThrownBy(() -> alice.resources(Role.class).create(role("a", "node-reader",
        List.of(rule("", "nodes", "get", "list"), rule("", "pods", "get")))))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("roles.rbac.authorization.k8s.io \"node-reader\" is forbidden: user \"alice\" (groups=[\"system:authenticated\"])"
            + " is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\" \"list\"]}");
    assertThat(cluster.admin.resources(Role.class).get("a", "node-reader")).isEmpty();
  }

  @Test
  void rulesHeldInOneNamespaceDoNotCountInAnother() {
    assertThatThrownBy(() -> alice.resources(Role.class).create(role("b", "pod-reader", List.of(rule("", "pods", "get")))))
        .isInstanceOf(ForbiddenException.class).hasMessageContaining("not currently held");
    assertThatThrownBy(() -> alice.resources(RoleBinding.class).create(binding("b", "bob-view", "ClusterRole", "view", user("bob"))))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageStartingWith("rolebindings.rbac.authorization.k8s.io \"bob-view\" is forbidden: user \"alice\"");
    assertThat(cluster.admin.resources(RoleBinding.class).get("b", "bob-view")).isEmpty();
  }

  @Test
  void bindingARoleTheUserHoldsIsAcceptedAndAWiderOneForbidden() {
    alice.resources(RoleBinding.class).create(binding("a", "bob-edit", "ClusterRole", "edit", user("bob")));
    assertThatThrownBy(() -> alice.resources(RoleBinding.class).create(binding("a", "bob-root", "ClusterRole", "cluster-admin", user("bob"))))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}");
    assertThatThrownBy(() -> alice.resources(ClusterRoleBinding.class).create(clusterBinding("bob-view-all", "view", user("bob"))))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> alice.resources(RoleBinding.class).create(binding("a", "ghost", "Role", "no-such-role", user("bob"))))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageEndingWith("is forbidden: role.rbac.authorization.k8s.io \"no-such-role\" not found");
  }

  @Test
  void theBindVerbAllowsBindingWhatTheUserDoesNotHold() {
    cluster.admin.resources(ClusterRole.class).create(clusterRole("bind-cluster-admin", Map.of(),
        List.of(named(GROUP, "clusterroles", "cluster-admin", "bind"))));
    cluster.admin.resources(ClusterRoleBinding.class).create(clusterBinding("carl-binds", "bind-cluster-admin", user("carl")));
    ApiClient carl = cluster.client(UserInfo.of("carl", UserInfo.GROUP_AUTHENTICATED));
    await().atMost(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
        carl.resources(RoleBinding.class).create(binding("z", "dan-root", "ClusterRole", "cluster-admin", user("dan"))));
    assertThatThrownBy(() -> carl.resources(RoleBinding.class).create(binding("z", "dan-admin", "ClusterRole", "admin", user("dan"))))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void theEscalateVerbAllowsRolesWithRulesTheUserDoesNotHold() {
    cluster.admin.resources(Role.class).create(role("e", "escalator", List.of(rule(GROUP, "roles", "escalate"))));
    cluster.admin.resources(RoleBinding.class).create(binding("e", "erik-escalates", "Role", "escalator", user("erik")));
    ApiClient erik = cluster.client(UserInfo.of("erik", UserInfo.GROUP_AUTHENTICATED));
    await().atMost(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
        erik.resources(Role.class).create(role("e", "anything", List.of(rule("*", "*", "*")))));
    assertThatThrownBy(() -> erik.resources(Role.class).create(role("f", "anything", List.of(rule("", "pods", "get")))))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void updatesAreCheckedButFinalizerOnlyChangesAreNot() {
    alice.resources(Role.class).create(role("a", "grows", List.of(rule("", "configmaps", "get"))));
    Role stored = alice.resources(Role.class).get("a", "grows").orElseThrow();
    assertThatThrownBy(() -> alice.resources(Role.class).update(new RoleBuilder(stored)
        .withRules(rule("", "configmaps", "get"), rule("", "nodes", "get")).build()))
        .isInstanceOf(ForbiddenException.class);

    cluster.admin.resources(Role.class).create(role("a", "root-ish", List.of(rule("", "nodes", "delete"))));
    Role rootish = alice.resources(Role.class).get("a", "root-ish").orElseThrow();
    Role finalized = alice.resources(Role.class).update(new RoleBuilder(rootish)
        .editMetadata().withFinalizers("example.com/keep").endMetadata().build());
    assertThat(finalized.getMetadata().getFinalizers()).containsExactly("example.com/keep");
  }

  @Test
  void aggregationRulesNeedEveryPermission() {
    cluster.admin.resources(ClusterRole.class).create(clusterRole("role-maker", Map.of(),
        List.of(rule(GROUP, "clusterroles", "create"), rule("", "pods", "get"))));
    cluster.admin.resources(ClusterRoleBinding.class).create(clusterBinding("mia-makes", "role-maker", user("mia")));
    ApiClient mia = cluster.client(UserInfo.of("mia", UserInfo.GROUP_AUTHENTICATED));
    await().atMost(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
        mia.resources(ClusterRole.class).create(clusterRole("pod-getter", Map.of(), List.of(rule("", "pods", "get")))));
    assertThatThrownBy(() -> mia.resources(ClusterRole.class).create(aggregating("sneaky", "rbac.authorization.k8s.io/aggregate-to-admin")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("clusterroles.rbac.authorization.k8s.io \"sneaky\" is forbidden: must have cluster-admin privileges to use the aggregationRule");
  }

  @Test
  void systemMastersAlwaysPass() {
    cluster.admin.resources(ClusterRole.class).create(clusterRole("everything", Map.of(), List.of(rule("*", "*", "*"))));
    cluster.admin.resources(ClusterRoleBinding.class).create(clusterBinding("everyone-everything", "everything", group("x")));
    assertThat(cluster.admin.resources(ClusterRoleBinding.class).get("", "everyone-everything")).isPresent();
  }
}
