package io.capstan.plugins.research.policies;

import io.capstan.plugins.research.gpu.DeviceChoice;
import io.capstan.plugins.research.gpu.NodeGpu;
import io.capstan.plugins.research.gpu.PodGpu;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random: PreScore draws one feasible node uniformly and Score gives it 100, every other node 0.
 * Devices: a uniformly random fitting GPU for sharing pods. Seeded by {@link Args#seed()} so a run
 * can be replayed.
 */
public final class RandomScore extends GpuPolicy implements PreScorePlugin {

  public static final String NAME = "Random";

  /** @param seed the seed of the plugin's random source */
  public record Args(long seed) {}

  record Chosen(String node) implements CycleState.StateData {
    @Override
    public Chosen copy() {
      return this;
    }
  }

  static final CycleState.Key<Chosen> KEY = CycleState.key("RandomChosen", Chosen.class);

  private final Random random;

  @Inject
  public RandomScore(Args args, FrameworkHandle handle) {
    this(handle, new Random(args.seed()));
  }

  private RandomScore(FrameworkHandle handle, Random random) {
    super(handle, (node, pod) -> pickDevice(random, node, pod));
    this.random = random;
  }

  @Override
  public String name() {
    return NAME;
  }

  private static int[] pickDevice(Random random, NodeGpu node, PodGpu pod) {
    if (!pod.sharing()) {
      return DeviceChoice.wholeGpus(node, pod);
    }
    List<Integer> fitting = new ArrayList<>();
    for (int i = 0; i < node.free().length; i++) {
      if (node.free()[i] >= pod.milliPerGpu()) {
        fitting.add(i);
      }
    }
    if (fitting.isEmpty()) {
      return new int[0];
    }
    synchronized (random) {
      return new int[] {fitting.get(random.nextInt(fitting.size()))};
    }
  }

  @Override
  public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
    int i;
    synchronized (random) {
      i = random.nextInt(feasibleNodes.size());
    }
    state.write(KEY, new Chosen(feasibleNodes.get(i).nodeName()));
    return Status.success();
  }

  @Override
  long score(CycleState state, PodGpu pod, NodeGpu node, NodeInfo nodeInfo) {
    java.util.Optional<Chosen> chosen = state.read(KEY);
    return chosen.isEmpty() || chosen.get().node().equals(nodeInfo.nodeName()) ? 100L : 0L;
  }
}
