package io.capstan.plugins.ingress.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressPath;
import io.capstan.spi.ingress.IngressRule;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.ingress.PathType;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The builtin controller's indexed {@link RouteTable} answers every request exactly as the
 * specification's {@link IngressState#route} scan does: host kinds, merged paths, precedence,
 * rule-order ties and the default backend.
 */
class RouteTableProperties {

  private static final List<String> HOSTS = List.of("", "a.example", "b.a.example", "*.example", "*.a.example", "A.Example");
  private static final List<String> PATHS = List.of("/", "/a", "/a/", "/a/b", "/ab", "/a/b/", "/a//b");
  private static final List<String> REQUEST_HOSTS = List.of("a.example", "A.EXAMPLE:8088", "b.a.example", "c.a.example",
      "x.example", "example", "a.b.a.example", "[::1]:80", "other.test", ".example");
  private static final List<String> REQUEST_PATHS = List.of("/", "/a", "/a/", "/a/b", "/a/b/c", "/ab", "/a//b", "/b", "//a");

  record Request(String host, String path) {}

  @Property(tries = 300)
  void answersAsTheSpecificationsScan(@ForAll("states") IngressState state, @ForAll("requests") List<Request> requests) {
    RouteTable table = new RouteTable(state);
    for (Request r : requests) {
      assertThat(table.route(r.host(), r.path())).as("%s %s", r.host(), r.path()).isEqualTo(state.route(r.host(), r.path()));
    }
  }

  @Provide
  Arbitrary<IngressState> states() {
    Arbitrary<IngressPath> path = Combinators.combine(Arbitraries.of(PATHS), Arbitraries.of(PathType.class),
        Arbitraries.integers().between(0, 999)).as((p, t, n) -> new IngressPath(p, t, backend("svc" + n)));
    Arbitrary<IngressRule> rule = Combinators.combine(Arbitraries.of(HOSTS), path.list().ofMaxSize(4))
        .as((h, ps) -> new IngressRule(h, ps, "default", "ing"));
    Arbitrary<Optional<IngressBackend>> fallback = Arbitraries.of(Optional.empty(), Optional.of(backend("fallback")));
    return Combinators.combine(rule.list().ofMaxSize(8), fallback).as((rules, d) -> new IngressState(rules, List.of(), d));
  }

  @Provide
  Arbitrary<List<Request>> requests() {
    return Combinators.combine(Arbitraries.of(REQUEST_HOSTS), Arbitraries.of(REQUEST_PATHS)).as(Request::new)
        .list().ofMinSize(1).ofMaxSize(20);
  }

  private static IngressBackend backend(String name) {
    return new IngressBackend("default", name, "http", List.of());
  }
}
