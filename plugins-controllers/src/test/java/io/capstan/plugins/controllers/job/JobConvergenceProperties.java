package io.capstan.plugins.controllers.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random interleavings of pod successes, failures, deletions, controller restarts and passing time
 * always end in a Complete Job whose counts match the pods exactly (each finished pod counted
 * once), and never run more than {@code parallelism} pods at once.
 */
class JobConvergenceProperties {

  enum Action { SUCCEED, FAIL, DELETE, RESTART, WAIT }

  record Step(Action action, int pick, int seconds) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return net.jqwik.api.Combinators.combine(Arbitraries.of(Action.class), Arbitraries.integers().between(0, 9),
        Arbitraries.integers().between(1, 400)).as(Step::new).list().ofMaxSize(25);
  }

  @Property(tries = 12)
  void convergesWithoutDuplicatesOrDoubleCounting(@ForAll @IntRange(min = 1, max = 5) int completions,
      @ForAll @IntRange(min = 1, max = 3) int parallelism, @ForAll("steps") List<Step> steps) throws Exception {
    try (SimCluster cluster = SimCluster.start(new JobController())) {
      cluster.create(JobControllerTest.job("prop", completions, parallelism).editSpec().withBackoffLimit(1000).endSpec().build());
      int deletedWhileRunning = 0;
      for (Step step : steps) {
        List<Pod> active = active(cluster);
        assertThat(active.size()).as("never more than parallelism").isLessThanOrEqualTo(parallelism);
        Pod target = active.isEmpty() ? null : active.get(step.pick() % active.size());
        switch (step.action()) {
          case SUCCEED -> { if (target != null) cluster.podStatus("default", target.getMetadata().getName(), "Succeeded", false); }
          case FAIL -> { if (target != null) cluster.podStatus("default", target.getMetadata().getName(), "Failed", false); }
          case DELETE -> {
            if (target != null) {
              cluster.resources(Pod.class).delete("default", target.getMetadata().getName());
              cluster.settle();
              deletedWhileRunning++;
            }
          }
          case RESTART -> cluster.restart(new JobController());
          case WAIT -> cluster.advance(Duration.ofSeconds(step.seconds()));
        }
      }
      for (int guard = 0; guard < 200 && !JobController.finished(job(cluster)); guard++) {
        List<Pod> active = active(cluster);
        assertThat(active.size()).isLessThanOrEqualTo(parallelism);
        if (active.isEmpty()) {
          cluster.advance(Duration.ofMinutes(6));
        } else {
          cluster.podStatus("default", active.get(0).getMetadata().getName(), "Succeeded", false);
        }
      }
      Job job = job(cluster);
      assertThat(JobControllerTest.condition(job, "Complete")).isPresent();
      List<Pod> pods = cluster.list(Pod.class, "default");
      long succeededPods = pods.stream().filter(JobPods::succeeded).count();
      long failedPods = pods.stream().filter(JobPods::failed).count();
      assertThat(job.getStatus().getSucceeded()).isEqualTo((int) succeededPods).isEqualTo(completions);
      assertThat(JobTracking.nz(job.getStatus().getFailed())).isEqualTo((int) failedPods + deletedWhileRunning);
      assertThat(pods).noneMatch(JobPods::tracked);
      assertThat(cluster.errors()).isZero();
    }
  }

  static List<Pod> active(SimCluster cluster) {
    return cluster.list(Pod.class, "default").stream().filter(JobPods::active).toList();
  }

  static Job job(SimCluster cluster) {
    return cluster.require(Job.class, "default", "prop");
  }
}
