package io.capstan.plugins.admission.rbac;

import static io.capstan.plugins.admission.rbac.RbacObjects.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.Decision;
import io.capstan.spi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A user bound to a role is allowed exactly what one of the role's rules covers, by a plain
 * reading of Kubernetes' rule semantics written independently here: never more (no over-grant),
 * and never less. Each try writes a random ClusterRole and a ClusterRoleBinding or RoleBinding through a real API server.
 */
class RbacNoOvergrantProperties {

  static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "delete");
  static final List<String> GROUPS = List.of("", "apps", "batch");
  static final List<String> RESOURCES = List.of("pods", "pods/log", "deployments", "deployments/scale", "jobs", "secrets");
  static final List<String> NAMES = List.of("", "x", "y");
  static final List<String> NAMESPACES = List.of("p", "q");
  static final List<String> PATHS = List.of("/healthz", "/healthz/ping", "/logs/a", "/version");

  static RbacCluster cluster;
  static Path dir;
  static final AtomicInteger TRY = new AtomicInteger();

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("rbac-props");
    cluster = new RbacCluster(dir, false);
  }

  @AfterContainer
  static void stop() throws Exception {
    cluster.close();
  }

  /** A request (verb, namespace, group, resource[/sub], name) or a path request (path set). */
  record Request(String verb, String namespace, String group, String resource, String name, String path) {
    AuthorizationAttributes of(UserInfo user) {
      if (!path.isEmpty()) {
        return AuthorizationAttributes.nonResource(user, verb, path);
      }
      String[] parts = resource.split("/");
      return AuthorizationAttributes.resource(user, verb, namespace, group, "v1", parts[0],
          parts.length > 1 ? parts[1] : "", name);
    }
  }

  @Provide
  Arbitrary<List<PolicyRule>> rules() {
    Arbitrary<PolicyRule> resourceRule = Combinators.combine(
        Arbitraries.of(plus(VERBS, "*")).list().ofMinSize(1).ofMaxSize(3).uniqueElements(),
        Arbitraries.of(plus(GROUPS, "*")).list().ofMinSize(1).ofMaxSize(2).uniqueElements(),
        Arbitraries.of(plus(plus(RESOURCES, "*"), "*/scale")).list().ofMinSize(1).ofMaxSize(3).uniqueElements(),
        Arbitraries.of("x", "y").list().ofMaxSize(1))
        .as((verbs, groups, resources, names) -> new PolicyRuleBuilder().withVerbs(verbs).withApiGroups(groups)
            .withResources(resources).withResourceNames(names).build());
    Arbitrary<PolicyRule> urlRule = Combinators.combine(
        Arbitraries.of("get", "post", "*").list().ofMinSize(1).ofMaxSize(2).uniqueElements(),
        Arbitraries.of("/healthz", "/healthz/*", "/logs/*", "*", "/version").list().ofMinSize(1).ofMaxSize(2).uniqueElements())
        .as((verbs, paths) -> new PolicyRuleBuilder().withVerbs(verbs).withNonResourceURLs(paths).build());
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, resourceRule), net.jqwik.api.Tuple.of(1, urlRule))
        .list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Request>> requests() {
    Arbitrary<Request> resource = Combinators.combine(Arbitraries.of(VERBS), Arbitraries.of(NAMESPACES),
        Arbitraries.of(GROUPS), Arbitraries.of(RESOURCES), Arbitraries.of(NAMES))
        .as((v, ns, g, r, n) -> new Request(v, ns, g, r, n, ""));
    Arbitrary<Request> path = Combinators.combine(Arbitraries.of("get", "post"), Arbitraries.of(PATHS))
        .as((v, p) -> new Request(v, "", "", "", "", p));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, resource), net.jqwik.api.Tuple.of(1, path))
        .list().ofMinSize(20).ofMaxSize(40);
  }

  @Property(tries = 40)
  void aBoundUserGetsExactlyWhatTheRulesCover(@ForAll("rules") List<PolicyRule> rules,
      @ForAll("requests") List<Request> requests, @ForAll boolean clusterWide) {
    int n = TRY.incrementAndGet();
    String name = "prop-" + n;
    UserInfo user = UserInfo.of("user-" + n);
    cluster.admin.resources(ClusterRole.class).create(clusterRole(name, java.util.Map.of(), rules));
    if (clusterWide) {
      cluster.admin.resources(ClusterRoleBinding.class).create(clusterBinding(name, name, user(user.name())));
    } else {
      cluster.admin.resources(RoleBinding.class).create(binding("p", name, "ClusterRole", name, user(user.name())));
    }
    await().atMost(Duration.ofSeconds(5)).until(() ->
        cluster.authorizer.cache().rulesFor(user, "p", new ArrayList<>()).size() == rules.size());

    for (Request request : requests) {
      // a RoleBinding grants in its namespace only, and never non-resource URLs (no namespace)
      boolean applies = clusterWide || (request.path().isEmpty() && request.namespace().equals("p"));
      boolean covered = applies && rules.stream().anyMatch(rule -> oracle(rule, request));
      Decision decision = cluster.authorizer.authorize(request.of(user)).decision();
      assertThat(decision).as("%s with rules %s", request, rules)
          .isEqualTo(covered ? Decision.ALLOW : Decision.NO_OPINION);
    }
  }

  /** Kubernetes' rule semantics, read plainly from its documentation. */
  static boolean oracle(PolicyRule rule, Request r) {
    if (!(rule.getVerbs().contains("*") || rule.getVerbs().contains(r.verb()))) {
      return false;
    }
    if (!r.path().isEmpty()) {
      return rule.getNonResourceURLs().stream().anyMatch(u -> u.equals("*") || u.equals(r.path())
          || (u.endsWith("*") && r.path().startsWith(u.substring(0, u.length() - 1))));
    }
    if (rule.getResources().isEmpty()) {
      return false;
    }
    boolean group = rule.getApiGroups().contains("*") || rule.getApiGroups().contains(r.group());
    String sub = r.resource().contains("/") ? r.resource().substring(r.resource().indexOf('/') + 1) : null;
    boolean resource = rule.getResources().contains("*") || rule.getResources().contains(r.resource())
        || (sub != null && rule.getResources().contains("*/" + sub));
    boolean name = rule.getResourceNames().isEmpty() || rule.getResourceNames().contains(r.name());
    return group && resource && name;
  }

  private static List<String> plus(List<String> list, String extra) {
    List<String> out = new ArrayList<>(list);
    out.add(extra);
    return out;
  }
}
