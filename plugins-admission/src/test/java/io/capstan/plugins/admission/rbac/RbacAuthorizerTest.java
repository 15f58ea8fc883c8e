package io.capstan.plugins.admission.rbac;

import static io.capstan.plugins.admission.rbac.RbacObjects.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.AuthorizationDecision;
import io.capstan.spi.auth.Decision;
import io.capstan.spi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RBAC authorizer over many rule shapes, each case its own role, binding and user, all created
 * through a real in-process API server and read back through the shared informers.
 */
class RbacAuthorizerTest {

  /** How a case's role is bound: cluster-wide, or by a RoleBinding in namespace "a". */
  enum Scope { CLUSTER, ROLE_IN_A, CLUSTER_ROLE_IN_A }

  /** A request: resource (namespace, group, resource, subresource, name) or non-resource path. */
  record Req(String verb, String namespace, String group, String resource, String sub, String name, String path) {
    AuthorizationAttributes of(UserInfo user) {
      return path.isEmpty() ? AuthorizationAttributes.resource(user, verb, namespace, group, "v1", resource, sub, name)
          : AuthorizationAttributes.nonResource(user, verb, path);
    }
  }

  record Case(String title, Scope scope, List<PolicyRule> rules, Function<String, Subject> subject,
      Function<String, UserInfo> user, Req request, boolean allowed) {
    @Override public String toString() { return title; }
  }

  static Req res(String verb, String ns, String group, String resource, String sub, String name) {
    return new Req(verb, ns, group, resource, sub, name, "");
  }

  static Req url(String verb, String path) {
    return new Req(verb, "", "", "", "", "", path);
  }

  static Case c(String title, Scope scope, PolicyRule rule, Req request, boolean allowed) {
    return new Case(title, scope, List.of(rule), s -> user("alice" + s), s -> UserInfo.of("alice" + s),
        request, allowed);
  }

  static List<Case> cases() {
    PolicyRule getPods = rule("", "pods", "get");
    return List.of(
        c("exact verb", Scope.CLUSTER, getPods, res("get", "a", "", "pods", "", "p"), true),
        c("other verb", Scope.CLUSTER, getPods, res("delete", "a", "", "pods", "", "p"), false),
        c("watch is not list", Scope.CLUSTER, rule("", "pods", "list"), res("watch", "a", "", "pods", "", ""), false),
        c("star verb", Scope.CLUSTER, rule("", "pods", "*"), res("deletecollection", "a", "", "pods", "", ""), true),
        c("other group", Scope.CLUSTER, rule("apps", "deployments", "get"), res("get", "a", "", "deployments", "", "d"), false),
        c("matching group", Scope.CLUSTER, rule("apps", "deployments", "get"), res("get", "a", "apps", "deployments", "", "d"), true),
        c("star group", Scope.CLUSTER, rule("*", "deployments", "get"), res("get", "a", "apps", "deployments", "", "d"), true),
        c("one of several groups", Scope.CLUSTER, rule(",apps,batch", "jobs", "get"), res("get", "a", "batch", "jobs", "", "j"), true),
        c("star resource", Scope.CLUSTER, rule("", "*", "get"), res("get", "a", "", "secrets", "", "s"), true),
        c("star resource covers subresources", Scope.CLUSTER, rule("", "*", "get"), res("get", "a", "", "pods", "log", "p"), true),
        c("resource does not cover its subresource", Scope.CLUSTER, getPods, res("get", "a", "", "pods", "log", "p"), false),
        c("subresource rule", Scope.CLUSTER, rule("", "pods/log", "get"), res("get", "a", "", "pods", "log", "p"), true),
        c("subresource rule is not the resource", Scope.CLUSTER, rule("", "pods/log", "get"), res("get", "a", "", "pods", "", "p"), false),
        c("other subresource", Scope.CLUSTER, rule("", "pods/log", "get"), res("get", "a", "", "pods", "exec", "p"), false),
        c("any resource's scale", Scope.CLUSTER, rule("apps", "*/scale", "update"), res("update", "a", "apps", "deployments", "scale", "d"), true),
        c("*/scale is not the resource", Scope.CLUSTER, rule("apps", "*/scale", "update"), res("update", "a", "apps", "deployments", "", "d"), false),
        c("*/scale is not status", Scope.CLUSTER, rule("apps", "*/scale", "update"), res("update", "a", "apps", "deployments", "status", "d"), false),
        c("deployments/scale", Scope.CLUSTER, rule("apps", "deployments/scale", "patch"), res("patch", "a", "apps", "deployments", "scale", "d"), true),
        c("resourceName matches", Scope.CLUSTER, named("", "configmaps", "cfg", "get"), res("get", "a", "", "configmaps", "", "cfg"), true),
        c("resourceName of another", Scope.CLUSTER, named("", "configmaps", "cfg", "get"), res("get", "a", "", "configmaps", "", "other"), false),
        c("resourceNames do not allow list", Scope.CLUSTER, named("", "configmaps", "cfg", "list"), res("list", "a", "", "configmaps", "", ""), false),
        c("one of several names", Scope.CLUSTER, named("", "configmaps", "x,cfg", "update"), res("update", "a", "", "configmaps", "", "cfg"), true),
        c("exact URL", Scope.CLUSTER, urls("/healthz", "get"), url("get", "/healthz"), true),
        c("URL verb", Scope.CLUSTER, urls("/healthz", "get"), url("post", "/healthz"), false),
        c("URL is not a prefix", Scope.CLUSTER, urls("/healthz", "get"), url("get", "/healthz/ping"), false),
        c("URL prefix", Scope.CLUSTER, urls("/logs/*", "get"), url("get", "/logs/kube/x.log"), true),
        c("URL prefix needs its slash", Scope.CLUSTER, urls("/logs/*", "get"), url("get", "/logs"), false),
        c("star URL", Scope.CLUSTER, urls("*", "*"), url("put", "/anything"), true),
        c("URL rule is no resource rule", Scope.CLUSTER, urls("*", "*"), res("get", "a", "", "pods", "", "p"), false),
        c("resource rule is no URL rule", Scope.CLUSTER, rule("*", "*", "*"), url("get", "/healthz"), false),
        c("cluster binding: cluster-scoped", Scope.CLUSTER, rule("", "nodes", "list"), res("list", "", "", "nodes", "", ""), true),
        c("role binding: its namespace", Scope.ROLE_IN_A, getPods, res("get", "a", "", "pods", "", "p"), true),
        c("role binding: not another namespace", Scope.ROLE_IN_A, getPods, res("get", "b", "", "pods", "", "p"), false),
        c("role binding: not across namespaces", Scope.ROLE_IN_A, rule("", "pods", "list"), res("list", "", "", "pods", "", ""), false),
        c("clusterrole in a rolebinding: its namespace", Scope.CLUSTER_ROLE_IN_A, getPods, res("get", "a", "", "pods", "", "p"), true),
        c("clusterrole in a rolebinding: not another", Scope.CLUSTER_ROLE_IN_A, getPods, res("get", "b", "", "pods", "", "p"), false),
        c("clusterrole in a rolebinding: not cluster-scoped", Scope.CLUSTER_ROLE_IN_A, rule("", "nodes", "get"), res("get", "", "", "nodes", "", "n"), false),
        new Case("group subject", Scope.CLUSTER, List.of(getPods), s -> group("devs" + s),
            s -> UserInfo.of("bob" + s, "devs" + s), res("get", "a", "", "pods", "", "p"), true),
        new Case("group subject, not a member", Scope.CLUSTER, List.of(getPods), s -> group("devs" + s),
            s -> UserInfo.of("bob" + s, "ops" + s), res("get", "a", "", "pods", "", "p"), false),
        new Case("user subject is not a group", Scope.CLUSTER, List.of(getPods), s -> user("devs" + s),
            s -> UserInfo.of("bob" + s, "devs" + s), res("get", "a", "", "pods", "", "p"), false),
        new Case("service account subject", Scope.CLUSTER, List.of(getPods), s -> serviceAccount("ns1", "sa" + s),
            s -> UserInfo.of("system:serviceaccount:ns1:sa" + s, "system:serviceaccounts"), res("get", "a", "", "pods", "", "p"), true),
        new Case("service account of another namespace", Scope.CLUSTER, List.of(getPods), s -> serviceAccount("ns1", "sa" + s),
            s -> UserInfo.of("system:serviceaccount:ns2:sa" + s), res("get", "a", "", "pods", "", "p"), false),
        new Case("service account without namespace in a rolebinding", Scope.ROLE_IN_A, List.of(getPods),
            s -> new io.fabric8.kubernetes.api.model.rbac.SubjectBuilder().withKind("ServiceAccount").withName("sa" + s).build(),
            s -> UserInfo.of("system:serviceaccount:a:sa" + s), res("get", "a", "", "pods", "", "p"), true),
        new Case("service account user named as a user", Scope.CLUSTER, List.of(getPods), s -> user("system:serviceaccount:ns1:sa" + s),
            s -> UserInfo.of("system:serviceaccount:ns1:sa" + s), res("get", "a", "", "pods", "", "p"), true),
        new Case("several rules, second matches", Scope.CLUSTER, List.of(getPods, rule("batch", "jobs", "create")),
            s -> user("alice" + s), s -> UserInfo.of("alice" + s), res("create", "a", "batch", "jobs", "", ""), true));
  }

  @TempDir static Path dir;
  static RbacCluster cluster;
  static final List<Case> CASES = cases();

  @BeforeAll
  static void createEveryCase() throws Exception {
    cluster = new RbacCluster(dir, true);
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      String name = "case-" + i;
      Subject subject = c.subject().apply("-" + i);
      switch (c.scope()) {
        case CLUSTER -> {
          cluster.admin.resources(ClusterRole.class).create(clusterRole(name, Map.of(), c.rules()));
          cluster.admin.resources(ClusterRoleBinding.class).create(clusterBinding(name, name, subject));
        }
        case ROLE_IN_A -> {
          cluster.admin.resources(Role.class).create(role("a", name, c.rules()));
          cluster.admin.resources(RoleBinding.class).create(binding("a", name, "Role", name, subject));
        }
        case CLUSTER_ROLE_IN_A -> {
          cluster.admin.resources(ClusterRole.class).create(clusterRole(name, Map.of(), c.rules()));
          cluster.admin.resources(RoleBinding.class).create(binding("a", name, "ClusterRole", name, subject));
        }
      }
    }
    // every case's binding is in the index once each positive case is allowed
    await().atMost(Duration.ofSeconds(10)).until(() -> IntStream.range(0, CASES.size())
        .filter(i -> CASES.get(i).allowed()).allMatch(i -> decide(i).decision() == Decision.ALLOW));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  static AuthorizationDecision decide(int i) {
    Case c = CASES.get(i);
    return cluster.authorizer.authorize(c.request().of(c.user().apply("-" + i)));
  }

  static Stream<Integer> indexes() {
    return IntStream.range(0, CASES.size()).boxed();
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("indexes")
  void decidesAsKubernetes(int i) {
    Case c = CASES.get(i);
    AuthorizationDecision decision = decide(i);
    assertThat(decision.decision()).as(c.title()).isEqualTo(c.allowed() ? Decision.ALLOW : Decision.NO_OPINION);
    if (c.allowed()) {
      assertThat(decision.reason()).startsWith("RBAC: allowed by ").contains("\"case-" + i);
    }
  }

  @Test
  void reasonNamesBindingRoleAndSubjectAsKubernetesDoes() {
    int cluster0 = 0;
    assertThat(decide(cluster0).reason())
        .isEqualTo("RBAC: allowed by ClusterRoleBinding \"case-0\" of ClusterRole \"case-0\" to User \"alice-0\"");
    int saCase = indexOf("service account without namespace in a rolebinding");
    assertThat(decide(saCase).reason()).isEqualTo("RBAC: allowed by RoleBinding \"case-" + saCase + "/a\" of Role \"case-"
        + saCase + "\" to ServiceAccount \"sa-" + saCase + "/a\"");
  }

  @Test
  void rbacNeverDeniesAndNamesMissingRoles() {
    cluster.admin.resources(ClusterRoleBinding.class).create(clusterBinding("dangling", "no-such-role", user("dave")));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(cluster.authorizer.authorize(
        AuthorizationAttributes.resource(UserInfo.of("dave"), "get", "a", "", "v1", "pods", "", "p")).reason())
        .isEqualTo("RBAC: clusterrole.rbac.authorization.k8s.io \"no-such-role\" not found"));
    for (int i = 0; i < CASES.size(); i++) {
      assertThat(decide(i).decision()).isNotEqualTo(Decision.DENY);
    }
  }

  @Test
  void systemMastersAreAlwaysAllowed() {
    AuthorizationDecision decision = cluster.authorizer.authorize(AuthorizationAttributes.resource(
        UserInfo.of("root", UserInfo.GROUP_MASTERS), "delete", "x", "apps", "v1", "deployments", "", "d"));
    assertThat(decision.decision()).isEqualTo(Decision.ALLOW);
  }

  private static int indexOf(String title) {
    List<String> titles = new ArrayList<>();
    CASES.forEach(c -> titles.add(c.title()));
    return titles.indexOf(title);
  }
}
