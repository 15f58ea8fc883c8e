package io.capstan.runtime.scheduler.framework;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.scheduler.Status;
import io.capstan.spi.scheduler.WaitingPod;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A pod held at Permit. Completes its {@link #result()} once every waiting plugin allowed it
 * (SUCCESS), one rejected it, or a plugin's timeout fired (UNSCHEDULABLE). Never blocks a thread:
 * the binding cycle continues from the completion.
 */
final class WaitingPodImpl implements WaitingPod {

  private final Pod pod;
  private final String nodeName;
  private final Map<String, Cancellable> pending = new LinkedHashMap<>();
  private final CompletableFuture<Status> result = new CompletableFuture<>();

  WaitingPodImpl(Pod pod, String nodeName) {
    this.pod = pod;
    this.nodeName = nodeName;
  }

  synchronized void addPending(String plugin, Cancellable timer) {
    pending.put(plugin, timer);
  }

  CompletableFuture<Status> result() {
    return result;
  }

  @Override
  public Pod pod() {
    return pod;
  }

  @Override
  public String nodeName() {
    return nodeName;
  }

  @Override
  public synchronized Set<String> pendingPlugins() {
    return Set.copyOf(pending.keySet());
  }

  @Override
  public void allow(String pluginName) {
    boolean all;
    synchronized (this) {
      Cancellable timer = pending.remove(pluginName);
      if (timer == null) {
        return;
      }
      timer.cancel();
      all = pending.isEmpty();
    }
    if (all) {
      result.complete(Status.success());
    }
  }

  @Override
  public void reject(String pluginName, String message) {
    synchronized (this) {
      pending.values().forEach(Cancellable::cancel);
      pending.clear();
    }
    result.complete(Status.unschedulable(message).withPlugin(pluginName));
  }
}
