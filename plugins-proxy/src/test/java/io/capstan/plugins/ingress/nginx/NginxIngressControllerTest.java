package io.capstan.plugins.ingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressPath;
import io.capstan.spi.ingress.IngressRule;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.ingress.PathType;
import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.tck.ingress.NamedBackend;
import io.capstan.tck.ingress.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supervision of a real nginx: a refused configuration is never applied, stop ends the process. */
class NginxIngressControllerTest {

  @TempDir
  Path dir;

  private static IngressState to(String host, EndpointInfo endpoint) {
    return new IngressState(List.of(new IngressRule(host, List.of(new IngressPath("/", PathType.PREFIX,
        new IngressBackend("default", "web", "http", List.of(endpoint)))), "default", "web")), List.of(), Optional.empty());
  }

  @Test
  void aConfigurationNginxRefusesIsNotAppliedAndTheOldOneKeepsServing() throws Exception {
    try (NamedBackend a = new NamedBackend("a")) {
      NginxIngressController controller = NginxIngressConformanceTest.start(dir);
      try {
        controller.sync(to("a.example", a.endpoint()));
        assertThat(RawHttp.get(controller.httpAddress(), "a.example", "/p").body()).isEqualTo("a /p");
        String good = controller.appliedConfig();

        // an endpoint nginx cannot resolve: `nginx -t` fails with "host not found in upstream"
        IngressState broken = to("b.example", new EndpointInfo("no-such-host.invalid", 80, true, true, false, "", ""));
        assertThatThrownBy(() -> controller.sync(broken)).hasMessageContaining("nginx refused")
            .hasMessageContaining("no-such-host.invalid");
        assertThat(controller.appliedConfig()).isEqualTo(good);
        assertThat(Files.readString(dir.resolve("nginx.conf"))).isEqualTo(good);
        assertThat(RawHttp.get(controller.httpAddress(), "a.example", "/q").body()).isEqualTo("a /q");
        assertThat(RawHttp.get(controller.httpAddress(), "b.example", "/").statusCode()).isEqualTo(404);
      } finally {
        controller.close();
      }
      assertThat(Files.exists(dir.resolve("nginx.pid"))).isFalse();
    }
  }

  @Test
  void theRenderedConfigurationHasKubernetesMatchingAsNginxLocations() {
    IngressBackend web = new IngressBackend("default", "web", "http", List.of(EndpointInfo.ready("10.0.0.1", 8080, "")));
    String conf = NginxConfRenderer.render(new IngressState(List.of(new IngressRule("*.foo.example", List.of(
        new IngressPath("/exact", PathType.EXACT, web), new IngressPath("/app/", PathType.PREFIX, web),
        new IngressPath("/bad\"path", PathType.PREFIX, web)), "default", "web")), List.of(), Optional.empty()),
        "127.0.0.1", 8089, dir);
    assertThat(conf).contains("server_name ~^[^.]+\\.foo\\.example$;", "location = \"/exact\"",
        "location = \"/app\"", "location ^~ \"/app/\"", "server 10.0.0.1:8080;", "listen 127.0.0.1:8089 default_server;")
        .doesNotContain("bad");
  }
}
