package io.capstan.plugins.ingress.nginx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.spi.ingress.IngressController;
import io.capstan.tck.ingress.AbstractIngressControllerConformanceTest;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared routing table served by a real nginx the controller starts on a free high port. */
class NginxIngressConformanceTest extends AbstractIngressControllerConformanceTest {

  static boolean nginxInstalled() {
    try {
      NginxIngressController.resolveBinary("nginx");
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  static NginxIngressController start(Path dir) throws Exception {
    assumeTrue(nginxInstalled(), "nginx is not installed (.ci/install-deps.sh installs it)");
    int port;
    int httpsPort;
    try (ServerSocket socket = new ServerSocket(0); ServerSocket other = new ServerSocket(0)) {
      port = socket.getLocalPort();
      httpsPort = other.getLocalPort();
    }
    NginxIngressController controller =
        new NginxIngressController(new NginxIngressConfig(null, dir.toString(), "127.0.0.1", port, httpsPort, null));
    controller.start();
    return controller;
  }

  @Override
  protected IngressController startController() throws Exception {
    return start(Files.createTempDirectory("capstan-nginx"));
  }

  @Override
  protected URI httpAddress(IngressController controller) {
    return ((NginxIngressController) controller).httpAddress();
  }

  @Override
  protected URI httpsAddress(IngressController controller) {
    return ((NginxIngressController) controller).httpsAddress();
  }
}
