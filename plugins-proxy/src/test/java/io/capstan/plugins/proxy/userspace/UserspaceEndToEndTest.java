package io.capstan.plugins.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.proxy.ProxyHost;
import io.capstan.runtime.proxy.ProxySettings;
import io.capstan.spi.proxy.ServicePortName;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service and Endpoints objects in an in-process API server, the proxy host with its default
 * debounce, the userspace proxy and two real HTTP backends: what {@code capstan up} wires.
 */
class UserspaceEndToEndTest {

  private static final ServicePortName WEB = new ServicePortName("default", "web", "http");

  @TempDir
  Path dir;

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    closing.add(resource);
    return resource;
  }

  @Test
  void servicesReachTheirReadyEndpointsAndANotReadyOneStopsWithinASecond() throws Exception {
    ApiFixture api = closeLater(new ApiFixture(dir));
    Backend a = closeLater(new Backend("a"));
    Backend b = closeLater(new Backend("b"));
    UserspaceProxy proxy = closeLater(new UserspaceProxy(UserspaceProxyConfig.defaults(), api.clock));
    proxy.start();
    ProxyHost host = closeLater(new ProxyHost(api.informers, proxy, api.clock, api.executor, ProxySettings.defaults()));
    host.start();
    api.informers.start();

    api.create(ApiFixture.service("web").editSpec()
        .addNewPort().withName("http").withPort(80).withNewTargetPort(8080).endPort().endSpec().build());
    api.endpoints("web", "http", a.port(), List.of("127.0.0.1"), List.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> proxy.address(WEB).isPresent()
        && host.lastState().usableEndpoints(WEB).size() == 1);
    InetSocketAddress address = proxy.address(WEB).orElseThrow();
    assertThat(HttpOverSocket.get(address)).isEqualTo("a");

    // the same IP on another port is the second pod: swap the endpoints to b, then mark b not ready
    api.endpoints("web", "http", b.port(), List.of("127.0.0.1"), List.of());
    await().atMost(Duration.ofSeconds(3)).until(() -> answer(address).equals("b"));
    api.endpoints("web", "http", b.port(), List.of(), List.of("127.0.0.1"));
    await().atMost(Duration.ofSeconds(3)).until(() -> host.lastState().usableEndpoints(WEB).isEmpty());
    int served = b.requests.get();
    for (int i = 0; i < 3; i++) {
      assertThat(answer(address)).isEqualTo("refused");
    }
    assertThat(b.requests.get()).isEqualTo(served);
  }

  private static String answer(InetSocketAddress address) {
    try {
      return HttpOverSocket.get(address);
    } catch (IOException e) {
      return "refused";
    }
  }
}
