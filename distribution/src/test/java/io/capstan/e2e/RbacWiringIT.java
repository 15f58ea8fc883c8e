package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Key;
import com.google.inject.Module;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import com.google.inject.TypeLiteral;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.Decision;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ForbiddenException;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RBAC plugins wired by the kernel as {@code capstan up} wires them: the authorizer bootstraps
 * the default roles, sees bindings created over HTTP, and the RBACEscalation admission plugin
 * refuses a binding its author could not grant.
 */
class RbacWiringIT {

  @TempDir Path dir;
  ControlPlane plane;

  @BeforeEach
  void start() {
    plane = new ControlPlane(dir, Map.of("apiserver.authorization", "RBAC",
        "apiserver.admission", "NamespaceLifecycle,DefaultValues,RBACEscalation"));
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  @Test
  void defaultRolesBindingsAndEscalationChecksWork() throws Exception {
    // the bindings are written after the roles: once the last binding is there, all are
    await().atMost(Duration.ofSeconds(10)).until(() -> plane.send("GET",
        "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:public-info-viewer", null, null).statusCode() == 200);
    assertThat(plane.send("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/admin", null, null).statusCode())
        .isEqualTo(200);

    assertThat(plane.send("POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", """
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"bob-view"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
         "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"bob"}]}""", "application/json")
        .statusCode()).isEqualTo(201);
    List<Authorizer> chain = plane.kernel().injector().getInstance(Key.get(new TypeLiteral<List<Authorizer>>() {}));
    UserInfo bob = UserInfo.of("bob").withAuthenticatedGroup();
    await().atMost(Duration.ofSeconds(1)).until(() -> chain.get(0).authorize(AuthorizationAttributes.resource(bob,
        "list", "default", "", "v1", "pods", "", "")).decision() == Decision.ALLOW);
    assertThat(chain.get(0).authorize(AuthorizationAttributes.resource(bob, "list", "kube-system", "", "v1", "pods", "", ""))
        .decision()).isEqualTo(Decision.NO_OPINION);

    InProcessApiClient asBob = new InProcessApiClient(plane.kernel().injector().getInstance(ResourceApi.class), bob,
        plane.kernel().injector().getInstance(TaskExecutor.class), Optional.empty());
    assertThatThrownBy(() -> asBob.resources(io.fabric8.kubernetes.api.model.rbac.RoleBinding.class).create(
        new RoleBindingBuilder().withNewMetadata().withNamespace("default").withName("bob-edit").endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "edit")
            .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("bob").endSubject().build()))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("is attempting to grant RBAC permissions not currently held");
  }

  @Test
  void theRbacPluginsAlsoWireInAProcessWithoutAnApiServer() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() ->
        plane.send("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/view", null, null).statusCode() == 200);
    KernelPlan plan = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(Map.of(
        "components", "scheduler", "client.server", plane.url(), // the default store plugin, rocksdb, is not opened
        "runtime.dataDir", dir.resolve("remote").toString(),
        "apiserver.authorization", "RBAC", "apiserver.admission", "RBACEscalation")));
    try (Kernel remote = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]))) {
      remote.start();
      assertThat(remote.injector().getExistingBinding(Key.get(io.capstan.spi.store.Store.class)))
          .as("a process without an API server has no store").isNull();
      assertThat(remote.injector().getExistingBinding(Key.get(io.capstan.spi.proxy.ServiceProxy.class)))
          .as("nor a service proxy listening, without the proxy component").isNull();
      assertThat(remote.injector().getExistingBinding(Key.get(io.capstan.spi.ingress.IngressController.class))).isNull();
      assertThat(remote.injector().getExistingBinding(Key.get(io.capstan.spi.dns.ClusterDns.class))).isNull();
      List<Authorizer> chain = remote.injector().getInstance(Key.get(new TypeLiteral<List<Authorizer>>() {}));
      UserInfo root = UserInfo.of("root", UserInfo.GROUP_MASTERS);
      assertThat(chain.get(0).authorize(AuthorizationAttributes.resource(root, "get", "", "", "v1", "nodes", "", "n"))
          .decision()).isEqualTo(Decision.ALLOW);
    }
  }
}
