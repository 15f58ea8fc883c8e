package io.capstan.plugins.admission.rbac;

import static io.capstan.plugins.admission.rbac.RbacObjects.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation looks only at the grants of the requesting user and its groups: with hundreds of
 * bindings of other users in the cluster, a request walks exactly the rules bound to its own user.
 */
class RbacIndexScaleTest {

  @TempDir Path dir;

  @Test
  void aRequestWalksOnlyItsOwnUsersGrants() throws Exception {
    try (RbacCluster cluster = new RbacCluster(dir, false)) {
      cluster.admin.resources(ClusterRole.class).create(clusterRole("many-rules", Map.of(),
          List.of(rule("", "pods", "get"), rule("", "secrets", "get"), rule("apps", "deployments", "list"))));
      cluster.admin.resources(ClusterRole.class).create(clusterRole("one-rule", Map.of(), List.of(rule("", "configmaps", "get"))));
      int others = 200;
      for (int i = 0; i < others; i++) {
        cluster.admin.resources(ClusterRoleBinding.class).create(clusterBinding("other-" + i, "many-rules", user("user-" + i), group("team-" + i)));
        cluster.admin.resources(RoleBinding.class).create(binding("ns", "other-" + i, "ClusterRole", "many-rules", user("user-" + i)));
      }
      cluster.admin.resources(RoleBinding.class).create(binding("ns", "target", "ClusterRole", "one-rule", user("target")));
      UserInfo target = UserInfo.of("target", "team-7");
      await().atMost(Duration.ofSeconds(20)).until(() ->
          cluster.authorizer.cache().rulesFor(UserInfo.of("user-" + (others - 1)), "ns", new ArrayList<>()).size() == 6
          && cluster.authorizer.cache().rulesFor(target, "ns", new ArrayList<>()).size() == 4);

      AtomicInteger visited = new AtomicInteger();
      cluster.authorizer.cache().visit(target, "ns", (grant, rule) -> {
        visited.incrementAndGet();
        return false;
      });
      // three rules through group team-7's ClusterRoleBinding, one through its own RoleBinding
      assertThat(visited).hasValue(4);

      cluster.admin.resources(ClusterRoleBinding.class).delete("", "other-7");
      await().atMost(Duration.ofSeconds(1)).until(() ->
          cluster.authorizer.cache().rulesFor(target, "ns", new ArrayList<>()).size() == 1);
    }
  }
}
