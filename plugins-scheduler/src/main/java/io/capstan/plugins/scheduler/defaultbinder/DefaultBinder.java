package io.capstan.plugins.scheduler.defaultbinder;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.BindPlugin;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes' {@code DefaultBinder}: creates the pod's {@code binding} subresource. */
public final class DefaultBinder implements BindPlugin {

  public static final String NAME = "DefaultBinder";
  private static final Logger LOG = LoggerFactory.getLogger(DefaultBinder.class);

  private final FrameworkHandle handle;

  @Inject
  public DefaultBinder(NoConfig config, FrameworkHandle handle) {
    this.handle = requireNonNull(handle, "handle");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status bind(CycleState state, Pod pod, String nodeName) {
    LOG.debug("binding {}/{} to {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
        nodeName);
    return handle.bind(pod, nodeName);
  }
}
