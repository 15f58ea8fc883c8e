package io.capstan.plugins.ingress.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressControllerFactory;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.ingress.RawHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code builtin} ingress plugin built the way the kernel builds it, from a settings map. */
class BuiltinPluginTest extends io.capstan.tck.plugin.AbstractPluginTest<BuiltinIngressConfig> {

  @Override
  protected PluginFactory<BuiltinIngressConfig> factory() {
    return new BuiltinIngressFactory();
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
    return Map.of("bindAddress", "127.0.0.1", "httpPort", 0, "httpsPort", 0, "connectTimeout", "500ms", "requestTimeout", "5s",
        "maxThreads", 16);
  }

  @Test
  void settingsMapOntoEveryField() {
    BuiltinIngressConfig config = bindSettings(settings());
    assertThat(config.httpPort()).isZero();
    assertThat(config.httpsPort()).isZero();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.maxThreads()).isEqualTo(16);
    assertThat(bindSettings(Map.of())).isEqualTo(BuiltinIngressConfig.defaults());
    assertThat(BuiltinIngressConfig.defaults().httpPort()).isEqualTo(8088);
    assertThat(BuiltinIngressConfig.defaults().httpsPort()).isEqualTo(8443);
  }

  @Test
  void listensFromTheFirstSyncAndAnswers404WithoutRules() throws Exception {
    BuiltinIngressController controller = new BuiltinIngressController(bindSettings(settings()));
    controller.start();
    try {
      assertThat(controller.loadBalancerAddresses()).isEmpty(); // no port taken before the first sync
      controller.sync(io.capstan.spi.ingress.IngressState.empty());
      assertThat(controller.loadBalancerAddresses()).containsExactly("127.0.0.1");
      assertThat(RawHttp.get(controller.httpAddress(), "foo.example", "/").statusCode()).isEqualTo(404);
    } finally {
      controller.close();
    }
  }
}
