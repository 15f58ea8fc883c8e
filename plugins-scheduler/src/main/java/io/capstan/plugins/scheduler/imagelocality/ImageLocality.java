package io.capstan.plugins.scheduler.imagelocality;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.ImageState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeScore;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' {@code ImageLocality} (weight 1, Score only).
 *
 * <p>For each init and app container whose image (normalized with {@code :latest} when untagged)
 * the node has: {@code (long) (size · nodesWithImage / totalNodes)}, summed; the sum is clamped to
 * [{@value #MIN_THRESHOLD} B = 23 MiB, 1000 MiB × containers] and scaled: {@code 100·(sum − min) /
 * (max − min)}. The spread factor keeps pods from piling onto the one node with a rare image.
 */
public final class ImageLocality implements ScorePlugin, SignPlugin {

  public static final String NAME = "ImageLocality";
  static final long MB = 1024L * 1024;
  static final long MIN_THRESHOLD = 23 * MB;
  static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;

  private final FrameworkHandle handle;

  @Inject
  public ImageLocality(NoConfig config, FrameworkHandle handle) {
    this.handle = requireNonNull(handle, "handle");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The images of the pod's containers decide its score; their spread over nodes changes only when nodes do. */
  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    List<Object> images = new java.util.ArrayList<>();
    if (pod.getSpec() != null) {
      for (List<Container> list : java.util.Arrays.asList(pod.getSpec().getInitContainers(), pod.getSpec().getContainers())) {
        images.add(list == null ? List.of() : list.stream().map(Container::getImage).toList());
      }
    }
    return Optional.of(images);
  }

  @Override
  public ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
    int totalNodes = handle.snapshot().list().size();
    List<Container> init = pod.getSpec() == null ? null : pod.getSpec().getInitContainers();
    List<Container> main = pod.getSpec() == null ? null : pod.getSpec().getContainers();
    int containers = (init == null ? 0 : init.size()) + (main == null ? 0 : main.size());
    Map<String, ImageState> images = nodeInfo.imageStates();
    long sum = 0;
    if (!images.isEmpty() && totalNodes > 0) {
      sum = sumScores(init, images, totalNodes) + sumScores(main, images, totalNodes);
    }
    return ScoreResult.of(calculatePriority(sum, containers));
  }

  /** Kubernetes' {@code sumImageScores} over one container list: size × spread of images present. */
  private static long sumScores(List<Container> containers, Map<String, ImageState> images, int totalNodes) {
    long sum = 0;
    if (containers != null) {
      for (Container c : containers) {
        ImageState s = c.getImage() == null ? null : images.get(normalizedImageName(c.getImage()));
        if (s != null) {
          sum += (long) (s.sizeBytes() * ((double) s.numNodes() / (double) totalNodes));
        }
      }
    }
    return sum;
  }

  static long calculatePriority(long sumScores, int numContainers) {
    long maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
    if (sumScores < MIN_THRESHOLD) {
      sumScores = MIN_THRESHOLD;
    } else if (sumScores > maxThreshold) {
      sumScores = maxThreshold;
    }
    if (maxThreshold <= MIN_THRESHOLD) {
      return 0; // a pod without containers
    }
    return NodeScore.MAX_NODE_SCORE * (sumScores - MIN_THRESHOLD) / (maxThreshold - MIN_THRESHOLD);
  }

  /** Appends {@code :latest} when the name has no tag after its last {@code /}. */
  public static String normalizedImageName(String name) {
    if (name.lastIndexOf(':') <= name.lastIndexOf('/')) {
      return name + ":latest";
    }
    return name;
  }
}
