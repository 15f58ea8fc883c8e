package io.capstan.examples.batchqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.inject.Module;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.Watch;
import io.capstan.spi.controller.Controller;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example end to end, assembled from its own {@code capstan.yaml} as {@code run} assembles it:
 * the API server on the memory store, the scheduler with the example's profile, the BatchQueue
 * controller as the only controller, and two simulated nodes. The manifests of the README are
 * applied; the queue releases its pods two at a time, highest priority first, and they all finish.
 */
class TailoredControlPlaneTest {

  private static final ObjectMapper YAML = KubeJson.configure(new ObjectMapper(new YAMLFactory()));

  @TempDir Path dir;

  @Test
  void theQueueReleasesItsPodsByPriorityNeverMoreThanMaxActiveAtOnce() throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("apiserver.port", "0");
    flags.put("runtime.dataDir", dir.resolve("data").toString());
    flags.put("runtime.pluginsDir", dir.resolve("no-plugins").toString()); // the example is on the test class path
    flags.put("scheduler.configFile", Path.of("scheduler-config.yaml").toAbsolutePath().toString());
    KernelPlan plan = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFile(Path.of("capstan.yaml")).withFlags(flags));
    assertThat(plan.components()).containsExactlyInAnyOrder("apiserver", "scheduler", "controller-manager", "node-agent");
    try (Kernel kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]))) {
      kernel.start();
      Map<String, Controller> controllers = kernel.injector().getInstance(
          com.google.inject.Key.get(new com.google.inject.TypeLiteral<Map<String, Controller>>() {}));
      assertThat(controllers.keySet()).as("the only controller").containsExactly(BatchQueueController.NAME);
      ApiClient client = kernel.injector().getInstance(ApiClient.class);
      List<String> released = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger mostActive = new AtomicInteger();
      Watch watch = client.resources(Pod.class).watch(ListOptions.inNamespace("default"), new ReleaseRecorder(released, mostActive));
      try {
        // as kubectl apply -f does: the context's namespace for objects that name none
        for (Pod pod : manifests("manifests/jobs.yaml", Pod.class)) {
          pod.getMetadata().setNamespace("default");
          client.resources(Pod.class).create(pod);
        }
        BatchQueue queue = manifests("manifests/queue.yaml", BatchQueue.class).get(0);
        queue.getMetadata().setNamespace("default");
        client.resources(BatchQueue.class).create(queue);

        await().atMost(Duration.ofSeconds(60)).until(() -> client.resources(Pod.class).list(ListOptions.inNamespace("default")).items()
            .stream().allMatch(BatchQueueController::isFinished));
        assertThat(released).containsExactly("train-b", "train-d", "index-c", "backup-e", "report-a");
        assertThat(mostActive).as("released and unfinished at once").hasValueLessThanOrEqualTo(2);
        assertThat(client.resources(Pod.class).list(ListOptions.inNamespace("default")).items())
            .allMatch(p -> "Succeeded".equals(p.getStatus().getPhase()) && p.getSpec().getNodeName() != null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          BatchQueue.Status status = client.resources(BatchQueue.class).get("default", "nightly").orElseThrow().getStatus();
          assertThat(status.getFinished()).isEqualTo(5);
          assertThat(status.getWaiting()).isZero();
          assertThat(status.getActive()).isZero();
        });
      } finally {
        watch.close();
      }
    }
  }

  private static <T> List<T> manifests(String file, Class<T> type) throws IOException {
    List<T> out = new ArrayList<>();
    for (String doc : Files.readString(Path.of(file)).split("(?m)^---$")) {
      if (!doc.isBlank()) {
        out.add(YAML.readValue(doc, type));
      }
    }
    return out;
  }

  /** Records each pod when its gate goes, and the most pods released and unfinished at one time. */
  private static final class ReleaseRecorder implements io.capstan.spi.client.WatchHandler<Pod> {
    private final List<String> released;
    private final AtomicInteger mostActive;
    private final Set<String> seenReleased = new HashSet<>();
    private final Set<String> active = new HashSet<>();

    ReleaseRecorder(List<String> released, AtomicInteger mostActive) {
      this.released = released;
      this.mostActive = mostActive;
    }

    @Override
    public synchronized void onEvent(io.capstan.spi.client.WatchEventType type, Pod pod) {
      String name = pod.getMetadata().getName();
      if (!BatchQueueController.isGated(pod) && seenReleased.add(name)) {
        released.add(name);
      }
      if (!BatchQueueController.isGated(pod) && !BatchQueueController.isFinished(pod)) {
        active.add(name);
      } else {
        active.remove(name);
      }
      mostActive.accumulateAndGet(active.size(), Math::max);
    }
  }
}
