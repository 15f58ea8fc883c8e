package io.capstan.examples.batchqueue;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit's checks for the controller's registration, and its release order. */
class BatchQueueControllerPluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new BatchQueueControllerFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ControllerFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(Controller.class);
  }

  @Test
  void waitingPodsAreReleasedByPriorityThenAgeThenName() {
    List<Pod> pods = new ArrayList<>(List.of(
        pod("late-high", "5", "2026-01-01T00:00:02Z"), pod("no-priority", null, "2026-01-01T00:00:00Z"),
        pod("early-high", "5", "2026-01-01T00:00:01Z"), pod("not-a-number", "soon", "2026-01-01T00:00:00Z"),
        pod("middle", "3", "2026-01-01T00:00:05Z")));
    pods.sort(BatchQueueController.RELEASE_ORDER);
    assertThat(pods).extracting(p -> p.getMetadata().getName())
        .containsExactly("early-high", "late-high", "middle", "no-priority", "not-a-number");
  }

  private static Pod pod(String name, String priority, String created) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(created)
        .addToLabels(BatchQueue.QUEUE_LABEL, "q").endMetadata();
    if (priority != null) {
      b.editMetadata().addToAnnotations(BatchQueue.PRIORITY_ANNOTATION, priority).endMetadata();
    }
    return b.withNewSpec().addNewSchedulingGate(BatchQueue.GATE).endSpec().build();
  }
}
