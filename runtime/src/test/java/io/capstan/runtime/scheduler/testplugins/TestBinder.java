package io.capstan.runtime.scheduler.testplugins;

import io.capstan.spi.scheduler.BindPlugin;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;

/** Binds through the framework handle (the binding subresource), as DefaultBinder. */
public final class TestBinder implements BindPlugin {

  private final FrameworkHandle handle;

  @Inject
  public TestBinder(FrameworkHandle handle) {
    this.handle = handle;
  }

  @Override
  public String name() {
    return "DefaultBinder";
  }

  @Override
  public Status bind(CycleState state, Pod pod, String nodeName) {
    return handle.bind(pod, nodeName);
  }
}
