package io.capstan.plugins.ingress.builtin;

import io.capstan.spi.ingress.IngressController;
import io.capstan.tck.ingress.AbstractIngressControllerConformanceTest;
import java.net.URI;

/** The shared routing table served by the {@code builtin} controller on a free port. */
class BuiltinIngressConformanceTest extends AbstractIngressControllerConformanceTest {

  @Override
  protected IngressController startController() throws Exception {
    BuiltinIngressController controller =
        new BuiltinIngressController(new BuiltinIngressConfig("127.0.0.1", 0, 0, null, null, 16));
    controller.start();
    return controller;
  }

  @Override
  protected URI httpAddress(IngressController controller) {
    return ((BuiltinIngressController) controller).httpAddress();
  }

  @Override
  protected URI httpsAddress(IngressController controller) {
    return ((BuiltinIngressController) controller).httpsAddress();
  }
}
