package io.capstan.tck.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressPath;
import io.capstan.spi.ingress.IngressRule;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.ingress.IngressTls;
import io.capstan.spi.ingress.PathType;
import io.capstan.spi.ingress.TlsCertificate;
import io.capstan.spi.proxy.EndpointInfo;
import java.net.URI;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
 * endpoints, and live updates. Over HTTPS: the same routes, each host's certificate from its
 * {@code spec.tls} entry chosen by SNI (exact and wildcard hosts), and ingress-nginx's self-signed
 * default ("fake") certificate without SNI, for hosts without TLS, for a missing Secret and for a
 * certificate not valid for the host; certificate changes served live. Subclasses build and start
 * the controller and say where it serves. (IngressClass selection is the host's job: the
 * controller only sees its own Ingresses.)
 */
public abstract class AbstractIngressControllerConformanceTest {

  /** The subject CN of ingress-nginx's default certificate, which every controller serves by default. */
  public static final String FAKE_CERTIFICATE_CN = "Kubernetes Ingress Controller Fake Certificate";
  /** Its one DNS name. */
  public static final String FAKE_CERTIFICATE_DNS = "ingress.local";

  private static final class Certificates {
    static final TlsCertificate FOO = TestCertificates.selfSigned("foo.example", "foo.example");
    static final TlsCertificate FOO_RENEWED = TestCertificates.selfSigned("foo.example renewed", "foo.example");
    static final TlsCertificate WILD = TestCertificates.selfSigned("*.wild.example", "*.wild.example");
  }

  protected NamedBackend a;
  protected NamedBackend b;
  protected NamedBackend fallback;
  protected IngressController controller;

  /** A new, started controller. */
  protected abstract IngressController startController() throws Exception;

  /** Where the controller serves plain HTTP, e.g. {@code http://127.0.0.1:41234}. */
  protected abstract URI httpAddress(IngressController controller);

  /** Where the controller serves HTTPS, e.g. {@code https://127.0.0.1:41235}. */
  protected abstract URI httpsAddress(IngressController controller);

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
        new IngressRule("", List.of(path("/any", PathType.PREFIX, toA)), "default", "second"),
        new IngressRule("wrong.example", List.of(path("/", PathType.PREFIX, toA)), "default", "third"),
        new IngressRule("missing.example", List.of(path("/", PathType.PREFIX, toA)), "default", "third")),
        tls(Certificates.FOO), Optional.of(backend("fallback", fallback.endpoint())));
  }

  /** The table's TLS entries, with {@code foo} as foo.example's certificate. */
  protected static List<IngressTls> tls(TlsCertificate foo) {
    return List.of(
        new IngressTls(List.of("foo.example"), "default", "foo-tls", Optional.of(foo)),
        new IngressTls(List.of("*.wild.example"), "default", "wild-tls", Optional.of(Certificates.WILD)),
        new IngressTls(List.of("wrong.example"), "default", "foo-tls", Optional.of(Certificates.FOO)),
        new IngressTls(List.of("missing.example"), "default", "no-such-secret", Optional.empty()));
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

  @ParameterizedTest(name = "https {0}{1} -> {2} {3}")
  @MethodSource("routes")
  void routesAlikeOverHttps(String host, String path, int status, String backend) throws Exception {
    RawHttp.Response response = https(Optional.of(serverName(host)), host, path).response();
    assertThat(response.statusCode()).as("status of https %s%s", host, path).isEqualTo(status);
    if (status == 200) {
      assertThat(response.body()).as("backend of https %s%s", host, path).isEqualTo(backend + " " + path);
    }
  }

  static Stream<Arguments> certificates() {
    return Stream.of(
        Arguments.of("foo.example", "/exact", "foo.example", "foo.example", "a /exact"),
        Arguments.of("x.wild.example", "/whatever", "*.wild.example", "*.wild.example", "b /whatever"),
        Arguments.of("other.example", "/any/thing", FAKE_CERTIFICATE_CN, FAKE_CERTIFICATE_DNS, "a /any/thing"),
        Arguments.of("wrong.example", "/w", FAKE_CERTIFICATE_CN, FAKE_CERTIFICATE_DNS, "a /w"),
        Arguments.of("missing.example", "/m", FAKE_CERTIFICATE_CN, FAKE_CERTIFICATE_DNS, "a /m"));
  }

  @ParameterizedTest(name = "SNI {0} gets {2}")
  @MethodSource("certificates")
  void certificateIsChosenBySni(String host, String path, String commonName, String dnsName, String body)
      throws Exception {
    RawHttps.Exchange exchange = https(Optional.of(host), host, path);
    assertThat(exchange.certificate().getSubjectX500Principal().getName()).as("subject served for %s", host)
        .contains("CN=" + commonName);
    assertThat(dnsNames(exchange.certificate())).as("DNS names served for %s", host).containsExactly(dnsName);
    assertThat(exchange.response().body()).isEqualTo(body);
  }

  @Test
  void withoutSniTheDefaultCertificateIsServedAndTheHostHeaderRoutes() throws Exception {
    RawHttps.Exchange exchange = https(Optional.empty(), "foo.example", "/exact");
    assertThat(exchange.certificate().getSubjectX500Principal().getName()).contains("CN=" + FAKE_CERTIFICATE_CN);
    assertThat(exchange.response().body()).isEqualTo("a /exact");
  }

  @Test
  void certificateChangesAreServedLive() throws Exception {
    IngressState t = table();
    controller.sync(new IngressState(t.rules(), tls(Certificates.FOO_RENEWED), t.defaultBackend()));
    await().atMost(Duration.ofSeconds(10)).until(() -> commonNameServedFor("foo.example").equals("foo.example renewed"));
    controller.sync(new IngressState(t.rules(), List.of(), t.defaultBackend()));
    await().atMost(Duration.ofSeconds(10)).until(() -> commonNameServedFor("foo.example").equals(FAKE_CERTIFICATE_CN));
    assertThat(https(Optional.of("foo.example"), "foo.example", "/app").response().body()).isEqualTo("b /app");
  }

  private String commonNameServedFor(String host) throws Exception {
    String subject = https(Optional.of(host), host, "/").certificate().getSubjectX500Principal().getName();
    return subject.replaceAll("^.*CN=((?:[^,\\\\]|\\\\.)*).*$", "$1").replace("\\", "");
  }

  private static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
    var names = certificate.getSubjectAlternativeNames();
    return names == null ? List.of() : names.stream().filter(n -> Integer.valueOf(2).equals(n.get(0)))
        .map(n -> String.valueOf(n.get(1))).toList();
  }

  private static String serverName(String hostHeader) {
    int colon = hostHeader.indexOf(':');
    return (colon < 0 ? hostHeader : hostHeader.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  /** A GET over HTTPS with the given SNI and Host header, on a fresh connection. */
  protected RawHttps.Exchange https(Optional<String> serverName, String host, String path) throws Exception {
    return RawHttps.get(httpsAddress(controller), serverName, host, path);
  }

  /** A GET with the given Host header through the controller, on a fresh connection. */
  protected RawHttp.Response get(String host, String path) throws Exception {
    return RawHttp.get(httpAddress(controller), host, path);
  }
}
