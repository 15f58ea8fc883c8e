package io.capstan.plugins.admission.rbac;

import static io.capstan.plugins.admission.rbac.RbacObjects.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.Decision;
import io.capstan.spi.auth.UserInfo;
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
 * Changes made through the API reach the authorizer within a second, and the default roles
 * (bootstrapped by the authorizer itself, aggregation computed from the cache) behave as
 * Kubernetes' do.
 */
class RbacLiveUpdatesTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @TempDir static Path dir;
  static RbacCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new RbacCluster(dir, true);
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  static Decision decide(UserInfo user, String verb, String ns, String group, String resource, String sub) {
    return cluster.authorizer.authorize(AuthorizationAttributes.resource(user, verb, ns, group, "v1",
        resource, sub, "x")).decision();
  }

  @Test
  void bindingsRolesAndTheirRemovalTakeEffectWithinASecond() {
    UserInfo erin = UserInfo.of("erin", UserInfo.GROUP_AUTHENTICATED);
    assertThat(decide(erin, "get", "team", "", "secrets", "")).isEqualTo(Decision.NO_OPINION);
    cluster.admin.resources(Role.class).create(role("team", "secret-reader", List.of(rule("", "secrets", "get"))));
    cluster.admin.resources(RoleBinding.class).create(binding("team", "erin-reads", "Role", "secret-reader", user("erin")));
    await().atMost(SECOND).until(() -> decide(erin, "get", "team", "", "secrets", "") == Decision.ALLOW);

    Role wider = new RoleBuilder(cluster.admin.resources(Role.class).get("team", "secret-reader").orElseThrow())
        .withRules(rule("", "secrets", "get", "list")).build();
    cluster.admin.resources(Role.class).update(wider);
    await().atMost(SECOND).until(() -> decide(erin, "list", "team", "", "secrets", "") == Decision.ALLOW);

    cluster.admin.resources(RoleBinding.class).delete("team", "erin-reads");
    await().atMost(SECOND).until(() -> decide(erin, "get", "team", "", "secrets", "") == Decision.NO_OPINION);
  }

  @Test
  void defaultRolesAggregateAsInKubernetes() {
    UserInfo viewer = UserInfo.of("vic", UserInfo.GROUP_AUTHENTICATED);
    UserInfo editor = UserInfo.of("eddie", UserInfo.GROUP_AUTHENTICATED);
    UserInfo owner = UserInfo.of("ada", UserInfo.GROUP_AUTHENTICATED);
    cluster.admin.resources(RoleBinding.class).create(binding("dev", "vic-view", "ClusterRole", "view", user("vic")));
    cluster.admin.resources(RoleBinding.class).create(binding("dev", "eddie-edit", "ClusterRole", "edit", user("eddie")));
    cluster.admin.resources(RoleBinding.class).create(binding("dev", "ada-admin", "ClusterRole", "admin", user("ada")));
    await().atMost(SECOND).until(() -> decide(owner, "create", "dev", "rbac.authorization.k8s.io", "rolebindings", "") == Decision.ALLOW);

    assertThat(decide(viewer, "list", "dev", "", "pods", "")).isEqualTo(Decision.ALLOW);
    assertThat(decide(viewer, "get", "dev", "", "pods", "log")).isEqualTo(Decision.ALLOW);
    assertThat(decide(viewer, "get", "dev", "apps", "deployments", "scale")).isEqualTo(Decision.ALLOW);
    assertThat(decide(viewer, "get", "dev", "", "secrets", "")).isEqualTo(Decision.NO_OPINION);
    assertThat(decide(viewer, "create", "dev", "", "pods", "")).isEqualTo(Decision.NO_OPINION);
    assertThat(decide(viewer, "list", "prod", "", "pods", "")).isEqualTo(Decision.NO_OPINION);

    assertThat(decide(editor, "create", "dev", "apps", "deployments", "")).isEqualTo(Decision.ALLOW);
    assertThat(decide(editor, "update", "dev", "apps", "deployments", "scale")).isEqualTo(Decision.ALLOW);
    assertThat(decide(editor, "create", "dev", "", "pods", "exec")).isEqualTo(Decision.ALLOW);
    assertThat(decide(editor, "list", "dev", "batch", "jobs", "")).isEqualTo(Decision.ALLOW); // from view
    assertThat(decide(editor, "create", "dev", "rbac.authorization.k8s.io", "roles", "")).isEqualTo(Decision.NO_OPINION);

    assertThat(decide(owner, "create", "dev", "rbac.authorization.k8s.io", "roles", "")).isEqualTo(Decision.ALLOW);
    assertThat(decide(owner, "delete", "dev", "", "secrets", "")).isEqualTo(Decision.ALLOW);
    assertThat(decide(owner, "get", "dev", "", "pods", "log")).isEqualTo(Decision.ALLOW); // view, via edit
    assertThat(decide(owner, "delete", "dev", "", "namespaces", "")).isEqualTo(Decision.NO_OPINION);
  }

  @Test
  void aNewRoleLabelledForAggregationExtendsTheAggregatingRolesWithinASecond() {
    UserInfo viewer = UserInfo.of("val", UserInfo.GROUP_AUTHENTICATED);
    cluster.admin.resources(ClusterRoleBinding.class).create(clusterBinding("val-view", "view", user("val")));
    await().atMost(SECOND).until(() -> decide(viewer, "list", "any", "", "pods", "") == Decision.ALLOW);
    assertThat(decide(viewer, "list", "any", "example.com", "widgets", "")).isEqualTo(Decision.NO_OPINION);

    cluster.admin.resources(ClusterRole.class).create(clusterRole("widget-viewer",
        Map.of("rbac.authorization.k8s.io/aggregate-to-view", "true"), List.of(rule("example.com", "widgets", "get", "list"))));
    await().atMost(SECOND).until(() -> decide(viewer, "list", "any", "example.com", "widgets", "") == Decision.ALLOW);
    UserInfo admin = UserInfo.of("ada2");
    cluster.admin.resources(ClusterRoleBinding.class).create(clusterBinding("ada2-admin", "admin", user("ada2")));
    await().atMost(SECOND).until(() -> decide(admin, "get", "any", "example.com", "widgets", "") == Decision.ALLOW);

    cluster.admin.resources(ClusterRole.class).delete("", "widget-viewer");
    await().atMost(SECOND).until(() -> decide(viewer, "list", "any", "example.com", "widgets", "") == Decision.NO_OPINION);
  }

  @Test
  void everyUserMayDiscoverAndAnonymousMayOnlyReadPublicInfo() {
    UserInfo someone = UserInfo.of("someone").withAuthenticatedGroup();
    UserInfo anonymous = UserInfo.anonymous();
    assertThat(cluster.authorizer.authorize(AuthorizationAttributes.nonResource(someone, "get", "/apis/apps/v1")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(cluster.authorizer.authorize(AuthorizationAttributes.resource(someone, "create", "", "authorization.k8s.io",
        "v1", "selfsubjectaccessreviews", "", "")).decision()).isEqualTo(Decision.ALLOW);
    assertThat(cluster.authorizer.authorize(AuthorizationAttributes.nonResource(anonymous, "get", "/version")).decision())
        .isEqualTo(Decision.ALLOW);
    assertThat(cluster.authorizer.authorize(AuthorizationAttributes.nonResource(anonymous, "get", "/api")).decision())
        .isEqualTo(Decision.NO_OPINION);
    assertThat(cluster.authorizer.authorize(AuthorizationAttributes.resource(anonymous, "list", "", "", "v1",
        "namespaces", "", "")).decision()).isEqualTo(Decision.NO_OPINION);
  }
}
