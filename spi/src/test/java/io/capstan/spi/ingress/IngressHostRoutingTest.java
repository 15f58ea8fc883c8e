package io.capstan.spi.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngressHostRoutingTest {

  private static IngressBackend backend(String name) {
    return new IngressBackend("ns", name, "80", List.of());
  }

  private static IngressRule rule(String host, String path, String backendName) {
    return new IngressRule(host, List.of(new IngressPath(path, PathType.PREFIX, backend(backendName))),
        "ns", "ing-" + backendName);
  }

  @Test
  void wildcardCoversExactlyOneLabel() {
    // The hostname wildcard table of the Kubernetes Ingress documentation.
    IngressRule wildcard = rule("*.foo.com", "/", "w");
    assertThat(wildcard.matchesHost("bar.foo.com")).isTrue();
    assertThat(wildcard.matchesHost("baz.bar.foo.com")).isFalse();
    assertThat(wildcard.matchesHost("foo.com")).isFalse();
  }

  @Test
  void hostComparisonIgnoresCaseAndPort() {
    IngressRule exact = rule("Foo.Bar.com", "/", "e");
    assertThat(exact.matchesHost("foo.bar.COM:8443")).isTrue();
    assertThat(rule("", "/", "any").matchesHost("[::1]:80")).isTrue();
    assertThat(exact.matchesHost("other.com")).isFalse();
  }

  @Test
  void exactHostBeatsWildcardBeatsAnyHost() {
    IngressState state = new IngressState(List.of(
        rule("", "/", "any"), rule("*.foo.com", "/", "wild"), rule("bar.foo.com", "/", "exact")),
        List.of(), Optional.empty());
    assertThat(state.route("bar.foo.com", "/x")).map(IngressBackend::serviceName).contains("exact");
    assertThat(state.route("qux.foo.com", "/x")).map(IngressBackend::serviceName).contains("wild");
    assertThat(state.route("example.org", "/x")).map(IngressBackend::serviceName).contains("any");
  }

  @Test
  void theChosenHostDecidesEvenWhenNoPathMatches() {
    IngressState state = new IngressState(List.of(
        rule("", "/", "any"), rule("bar.foo.com", "/api", "api")),
        List.of(), Optional.of(backend("default")));
    assertThat(state.route("bar.foo.com", "/web")).map(IngressBackend::serviceName).contains("default");
  }

  @Test
  void pathsOfRulesForTheSameHostAreMerged() {
    IngressState state = new IngressState(List.of(
        rule("h.com", "/", "root"), rule("h.com", "/api", "api")), List.of(), Optional.empty());
    assertThat(state.route("h.com", "/api/v1")).map(IngressBackend::serviceName).contains("api");
    assertThat(state.route("h.com", "/")).map(IngressBackend::serviceName).contains("root");
  }

  @Test
  void noRuleAndNoDefaultMeansNoBackend() {
    assertThat(IngressState.empty().route("h", "/")).isEmpty();
  }

  @Test
  void malformedWildcardsAreRejected() {
    assertThatThrownBy(() -> rule("foo.*.com", "/", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rule("*foo.com", "/", "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
