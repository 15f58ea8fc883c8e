package io.capstan.plugins.admission.rbac;

import static io.capstan.plugins.admission.rbac.RbacObjects.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default policy is created when missing, reconciled additively, and never clobbers edits. */
class RbacBootstrapperTest {

  @TempDir Path dir;
  RbacCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new RbacCluster(dir, false);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void createsEveryDefaultRoleAndBinding() {
    new RbacBootstrapper(cluster.admin).ensure();
    for (String name : List.of("cluster-admin", "admin", "edit", "view", "system:discovery", "system:basic-user",
        "system:public-info-viewer", "system:aggregate-to-view")) {
      ClusterRole role = cluster.admin.resources(ClusterRole.class).get("", name).orElseThrow();
      assertThat(role.getMetadata().getAnnotations()).containsEntry(RbacBootstrapPolicy.AUTOUPDATE, "true");
      assertThat(role.getMetadata().getLabels()).containsEntry("kubernetes.io/bootstrapping", "rbac-defaults");
    }
    ClusterRole edit = cluster.admin.resources(ClusterRole.class).get("", "edit").orElseThrow();
    assertThat(edit.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
    assertThat(edit.getAggregationRule().getClusterRoleSelectors().get(0).getMatchLabels())
        .isEqualTo(Map.of("rbac.authorization.k8s.io/aggregate-to-edit", "true"));
    ClusterRoleBinding admins = cluster.admin.resources(ClusterRoleBinding.class).get("", "cluster-admin").orElseThrow();
    assertThat(admins.getSubjects()).extracting(s -> s.getKind() + ":" + s.getName()).containsExactly("Group:system:masters");
    ClusterRoleBinding publicInfo = cluster.admin.resources(ClusterRoleBinding.class).get("", "system:public-info-viewer").orElseThrow();
    assertThat(publicInfo.getSubjects()).extracting(s -> s.getName())
        .containsExactly("system:authenticated", "system:unauthenticated");
  }

  @Test
  void keepsUserEditsAndReconcilesOnlyAutoupdateObjectsAdditively() {
    cluster.admin.resources(ClusterRole.class).create(clusterRole("view", Map.of(), List.of(rule("", "pods", "get"))));
    ClusterRole discovery = new ClusterRoleBuilder(clusterRole("system:discovery", Map.of(),
        List.of(urls("/api", "get"), urls("/custom", "get"))))
        .editMetadata().withAnnotations(Map.of(RbacBootstrapPolicy.AUTOUPDATE, "true")).endMetadata().build();
    cluster.admin.resources(ClusterRole.class).create(discovery);

    new RbacBootstrapper(cluster.admin).ensure();
    new RbacBootstrapper(cluster.admin).ensure(); // idempotent

    ClusterRole view = cluster.admin.resources(ClusterRole.class).get("", "view").orElseThrow();
    assertThat(view.getRules()).containsExactly(rule("", "pods", "get"));
    assertThat(view.getAggregationRule()).isNull();
    ClusterRole reconciled = cluster.admin.resources(ClusterRole.class).get("", "system:discovery").orElseThrow();
    assertThat(reconciled.getRules()).contains(urls("/api", "get"), urls("/custom", "get"));
    assertThat(reconciled.getRules()).hasSize(3);
    assertThat(reconciled.getMetadata().getLabels()).containsEntry("kubernetes.io/bootstrapping", "rbac-defaults");
  }
}
