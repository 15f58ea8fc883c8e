package io.capstan.plugins.ingress.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressControllerFactory;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code nginx} ingress plugin's factory, settings and registration. */
class NginxPluginTest extends AbstractPluginTest<NginxIngressConfig> {

  private static final int PORT = freePort();

  /** Building the plugin starts nginx: without it installed the whole class is skipped. */
  @org.junit.jupiter.api.BeforeAll
  static void needsNginx() {
    org.junit.jupiter.api.Assumptions.assumeTrue(NginxIngressConformanceTest.nginxInstalled(),
        "nginx is not installed (.ci/install-deps.sh installs it)");
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected PluginFactory<NginxIngressConfig> factory() {
    return new NginxIngressFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return IngressControllerFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(IngressController.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("binary", "/usr/sbin/nginx", "workDir", "target/nginx-plugin-test", "bindAddress", "127.0.0.1",
        "httpPort", PORT, "httpsPort", PORT + 1, "commandTimeout", "5s");
  }

  @Test
  void settingsMapOntoEveryField() {
    NginxIngressConfig config = bindSettings(settings());
    assertThat(config.binary()).isEqualTo("/usr/sbin/nginx");
    assertThat(config.workDir()).isEqualTo("target/nginx-plugin-test");
    assertThat(config.httpPort()).isEqualTo(PORT);
    assertThat(config.httpsPort()).isEqualTo(PORT + 1);
    assertThat(config.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(bindSettings(Map.of())).isEqualTo(NginxIngressConfig.defaults());
  }
}
