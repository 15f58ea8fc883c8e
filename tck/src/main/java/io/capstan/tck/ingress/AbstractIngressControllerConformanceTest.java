package io.capstan.tck.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressPath;
import io.capstan.spi.ingress.IngressRule;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.ingress.PathType;
import io.capstan.spi.proxy.EndpointInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing table every ingress controller must serve, with real HTTP through the controller to
 * three real backends: exact and wildcard hosts, Exact / Prefix (whole path segments) /
 * ImplementationSpecific paths, the longest match winning, the default backend, 503 without
 * endpoints, and live updates. Subclasses build and start the controller and say where it serves.
 * (IngressClass selection is the host's job: the controller only sees its own Ingresses.)
 */
public abstract class AbstractIngressControllerConformanceTest {

  protected NamedBackend a;
  protected NamedBackend b;
  protected NamedBackend fallback;
  protected IngressController controller;

  /** A new, started controller. */
  protected abstract IngressController startController() throws Exception;

  /** Where the controller serves plain HTTP, e.g. {@code http://127.0.0.1:41234}. */
  protected abstract URI httpAddress(IngressController controller);

  @BeforeEach
  void startAll() throws Exception {
    a = new NamedBackend("a");
    b = new NamedBackend("b");
    fallback = new NamedBackend("fallback");
    controller = startController();
    controller.sync(table());
  }

  @AfterEach
  void stopAll() throws Exception {
    controller.close();
    a.close();
    b.close();
    fallback.close();
  }

  protected static IngressBackend backend(String service, EndpointInfo... endpoints) {
    return new IngressBackend("default", service, "http", List.of(endpoints));
  }

  protected static IngressPath path(String path, PathType type, IngressBackend backend) {
    return new IngressPath(path, type, backend);
  }

  /** The routing table of the cases below. */
  protected IngressState table() {
    IngressBackend toA = backend("a", a.endpoint());
    IngressBackend toB = backend("b", b.endpoint());
    IngressBackend empty = backend("empty");
    return new IngressState(List.of(
        new IngressRule("foo.example", List.of(
            path("/exact", PathType.EXACT, toA),
            path("/app", PathType.PREFIX, toB),
            path("/app/admin", PathType.PREFIX, toA),
            path("/impl", PathType.IMPLEMENTATION_SPECIFIC, toA),
            path("/down", PathType.PREFIX, empty)), "default", "first"),
        new IngressRule("*.wild.example", List.of(path("/", PathType.PREFIX, toB)), "default", "second"),
        new IngressRule("", List.of(path("/any", PathType.PREFIX, toA)), "default", "second")),
        List.of(), Optional.of(backend("fallback", fallback.endpoint())));
  }

  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("foo.example", "/exact", 200, "a"),
        Arguments.of("foo.example", "/exact/", 200, "fallback"),
        Arguments.of("foo.example", "/app", 200, "b"),
        Arguments.of("foo.example", "/app/", 200, "b"),
        Arguments.of("foo.example", "/app/page", 200, "b"),
        Arguments.of("foo.example", "/application", 200, "fallback"),
        Arguments.of("foo.example", "/app/admin/users", 200, "a"),
        Arguments.of("FOO.example:8080", "/app/admin", 200, "a"),
        Arguments.of("foo.example", "/impl/x", 200, "a"),
        Arguments.of("foo.example", "/down", 503, ""),
        Arguments.of("foo.example", "/any", 200, "fallback"),
        Arguments.of("x.wild.example", "/whatever", 200, "b"),
        Arguments.of("y.x.wild.example", "/any", 200, "a"),
        Arguments.of("wild.example", "/other", 200, "fallback"),
        Arguments.of("other.example", "/any/thing", 200, "a"));
  }

  @ParameterizedTest(name = "{0}{1} -> {2} {3}")
  @MethodSource("routes")
  void routesByHostAndPath(String host, String path, int status, String backend) throws Exception {
    RawHttp.Response response = get(host, path);
    assertThat(response.statusCode()).as("status of %s%s", host, path).isEqualTo(status);
    if (status == 200) {
      assertThat(response.body()).as("backend of %s%s", host, path).isEqualTo(backend + " " + path);
    }
  }

  @Test
  void withoutADefaultBackendUnmatchedRequestsGet404() throws Exception {
    IngressState t = table();
    controller.sync(new IngressState(t.rules(), t.tls(), Optional.empty()));
    await().atMost(Duration.ofSeconds(10)).until(() -> get("nowhere.example", "/").statusCode() == 404);
  }

  @Test
  void updatesAreServedLive() throws Exception {
    assertThat(get("foo.example", "/exact").body()).isEqualTo("a /exact");
    controller.sync(new IngressState(List.of(new IngressRule("foo.example",
        List.of(path("/exact", PathType.EXACT, backend("b", b.endpoint()))), "default", "first")),
        List.of(), Optional.empty()));
    await().atMost(Duration.ofSeconds(10)).until(() -> get("foo.example", "/exact").body().equals("b /exact"));
    assertThat(get("foo.example", "/app").statusCode()).isEqualTo(404);
  }

  @Test
  void requestsSpreadOverTheEndpointsOfABackend() throws Exception {
    controller.sync(new IngressState(List.of(new IngressRule("", List.of(
        path("/", PathType.PREFIX, backend("ab", a.endpoint(), b.endpoint()))), "default", "first")),
        List.of(), Optional.empty()));
    await().atMost(Duration.ofSeconds(10)).until(() -> !get("foo.example", "/x").body().startsWith("fallback"));
    List<String> seen = Stream.generate(() -> {
      try {
        return get("foo.example", "/x").body();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).limit(10).toList();
    assertThat(seen).contains("a /x", "b /x");
  }

  /** A GET with the given Host header through the controller, on a fresh connection. */
  protected RawHttp.Response get(String host, String path) throws Exception {
    return RawHttp.get(httpAddress(controller), host, path);
  }
}
