package io.capstan.runtime.scheduler.testplugins;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.PermitPlugin;
import io.capstan.spi.scheduler.PermitResult;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Holds pods labelled {@code gate=wait} at Permit for {@code timeout}; rejects pods labelled
 * {@code gate=deny}; allows the rest. Tests allow or reject the waiting pods through the handle.
 */
public final class GatePermit implements PermitPlugin {

  /** @param timeout how long a pod waits before it is rejected */
  public record Config(Duration timeout) {
    public Config {
      timeout = timeout == null ? Duration.ofMinutes(1) : timeout;
    }
  }

  private final Config config;

  @Inject
  public GatePermit(Config config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "GatePermit";
  }

  @Override
  public PermitResult permit(CycleState state, Pod pod, String nodeName) {
    String gate = pod.getMetadata().getLabels().get("gate");
    if ("wait".equals(gate)) {
      return PermitResult.waitFor(config.timeout());
    }
    if ("deny".equals(gate)) {
      return PermitResult.reject(Status.unschedulable("denied by the gate"));
    }
    return PermitResult.allow();
  }
}
