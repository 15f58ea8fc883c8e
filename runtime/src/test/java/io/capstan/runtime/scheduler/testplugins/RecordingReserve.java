package io.capstan.runtime.scheduler.testplugins;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.ReservePlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reserve plugins that write what they do to one shared journal. */
public abstract class RecordingReserve implements ReservePlugin {

  /** Shared by all instances; tests clear it first. */
  public static final List<String> JOURNAL = new CopyOnWriteArrayList<>();

  @Override
  public Status reserve(CycleState state, Pod pod, String nodeName) {
    JOURNAL.add("reserve " + name() + " " + pod.getMetadata().getName());
    return Status.success();
  }

  @Override
  public void unreserve(CycleState state, Pod pod, String nodeName) {
    JOURNAL.add("unreserve " + name() + " " + pod.getMetadata().getName());
  }

  public static final class A extends RecordingReserve {
    @Override
    public String name() {
      return "RecordingReserveA";
    }
  }

  public static final class B extends RecordingReserve {
    @Override
    public String name() {
      return "RecordingReserveB";
    }
  }

  /** Fails pods labelled {@code fail-reserve=true}. */
  public static final class Failing extends RecordingReserve {
    @Override
    public String name() {
      return "FailingReserve";
    }

    @Override
    public Status reserve(CycleState state, Pod pod, String nodeName) {
      JOURNAL.add("reserve " + name() + " " + pod.getMetadata().getName());
      return "true".equals(pod.getMetadata().getLabels().get("fail-reserve"))
          ? Status.error("reservation refused") : Status.success();
    }
  }
}
