package io.capstan.plugins.controllers.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.plugins.controllers.fixtures.DelayedWatchClient;
import io.capstan.spi.client.ListOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Job controller on a Job cache that lags by 400 ms: a Job of 3 completions gets exactly 3 pods.
 * The failure this guards against (finished pods already moved into {@code succeeded} looked missing
 * in a stale cache, and a fourth pod was created) was seen end to end in {@code WorkloadsIT} under
 * load; this lag alone did not reproduce it before the fix, so it is a guard, not a reproduction.
 */
class JobStaleCacheTest {

  private final ControllerFixture fx = new ControllerFixture();

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  @Test
  void aLaggingJobCacheNeverCausesExtraPods() throws Exception {
    try (DelayedWatchClient slow = new DelayedWatchClient(fx.client(), Job.class, Duration.ofMillis(400))) {
      fx.start(slow, new JobController());
      Job job = JobControllerTest.job("batch", 3, 2).build();
      job.getSpec().getTemplate().getSpec().setRestartPolicy("Never");
      fx.client().resources(Job.class).create(job);
      Set<String> everCreated = ConcurrentHashMap.newKeySet();
      // the kubelet's part: every pod of the Job succeeds as soon as it appears
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
        for (Pod pod : fx.client().resources(Pod.class).list(ListOptions.inNamespace("default")).items()) {
          everCreated.add(pod.getMetadata().getName());
          if (pod.getStatus() == null || !"Succeeded".equals(pod.getStatus().getPhase())) {
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Succeeded").build());
            try {
              fx.client().resources(Pod.class).updateStatus(pod);
            } catch (io.capstan.spi.client.ApiException raced) {
              // the controller changed it meanwhile (finalizer); next poll
            }
          }
        }
        Job now = fx.client().resources(Job.class).get("default", "batch").orElseThrow();
        return JobController.conditions(now).stream().anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
      });
      Thread.sleep(1000); // longer than the lag: a late extra pod would show now
      fx.client().resources(Pod.class).list(ListOptions.inNamespace("default")).items()
          .forEach(p -> everCreated.add(p.getMetadata().getName()));
      assertThat(everCreated).hasSize(3);
      assertThat(fx.client().resources(Job.class).get("default", "batch").orElseThrow().getStatus().getSucceeded()).isEqualTo(3);
    }
  }
}
