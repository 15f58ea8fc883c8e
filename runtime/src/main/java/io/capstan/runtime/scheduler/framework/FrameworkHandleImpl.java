package io.capstan.runtime.scheduler.framework;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfoLister;
import io.capstan.spi.scheduler.Status;
import io.capstan.spi.scheduler.WaitingPod;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The {@link FrameworkHandle} of one profile. It exists before the profile's plugins (they get it
 * injected), so the scheduler-wide parts (snapshot, binder) are suppliers set by the host.
 */
public final class FrameworkHandleImpl implements FrameworkHandle {

  private final String profileName;
  private final Clock clock;
  private final int parallelism;
  private final Supplier<NodeInfoLister> snapshot;
  private final BiFunction<Pod, String, Status> binder;
  private final Map<String, Object> pluginArgs = new ConcurrentHashMap<>();
  final Map<String, WaitingPodImpl> waitingPods = new ConcurrentHashMap<>();

  public FrameworkHandleImpl(String profileName, Clock clock, int parallelism, Supplier<NodeInfoLister> snapshot,
      BiFunction<Pod, String, Status> binder) {
    this.profileName = requireNonNull(profileName, "profileName");
    this.clock = requireNonNull(clock, "clock");
    this.parallelism = parallelism;
    this.snapshot = requireNonNull(snapshot, "snapshot");
    this.binder = requireNonNull(binder, "binder");
  }

  /** Records the arguments a plugin of this profile was built with. */
  public void putPluginArgs(String pluginName, Object args) {
    pluginArgs.put(pluginName, args);
  }

  @Override
  public String profileName() {
    return profileName;
  }

  @Override
  public NodeInfoLister snapshot() {
    return snapshot.get();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public Status bind(Pod pod, String nodeName) {
    return binder.apply(pod, nodeName);
  }

  @Override
  public Optional<WaitingPod> waitingPod(String podUid) {
    return Optional.ofNullable(waitingPods.get(podUid));
  }

  @Override
  public List<WaitingPod> waitingPods() {
    return List.copyOf(waitingPods.values());
  }

  @Override
  public <A> Optional<A> pluginArgs(String pluginName, Class<A> type) {
    return Optional.ofNullable(pluginArgs.get(pluginName)).map(type::cast);
  }
}
