package io.capstan.plugins.controllers.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.capstan.plugins.controllers.testing.Workloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobControllerTest {

  private SimCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = SimCluster.start(new JobController());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  static JobBuilder job(String name, Integer completions, Integer parallelism) {
    return new JobBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withCompletions(completions).withParallelism(parallelism)
        .withTemplate(Workloads.template(Map.of("app", name), "busybox")).endSpec();
  }

  List<Pod> active(String job) {
    return cluster.list(Pod.class, "default").stream()
        .filter(p -> job.equals(p.getMetadata().getLabels().get(JobPods.JOB_NAME)))
        .filter(JobPods::active).toList();
  }

  Job job(String name) {
    return cluster.require(Job.class, "default", name);
  }

  static Optional<JobCondition> condition(Job job, String type) {
    return JobController.conditions(job).stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  @Test
  void runsParallelismPodsUntilCompletionsSucceed() {
    cluster.create(job("pi", 3, 2).build());
    List<Pod> first = active("pi");
    assertThat(first).hasSize(2);
    Pod pod = first.get(0);
    assertThat(pod.getMetadata().getFinalizers()).containsExactly(JobPods.TRACKING_FINALIZER);
    assertThat(pod.getMetadata().getLabels()).containsEntry(JobPods.JOB_NAME, "pi")
        .containsEntry(JobPods.CONTROLLER_UID, job("pi").getMetadata().getUid()).containsEntry("app", "pi");
    assertThat(job("pi").getStatus().getActive()).isEqualTo(2);
    assertThat(job("pi").getStatus().getStartTime()).isNotNull();

    cluster.podStatus("default", first.get(0).getMetadata().getName(), "Running", true);
    assertThat(job("pi").getStatus().getReady()).isEqualTo(1);
    cluster.podStatus("default", first.get(0).getMetadata().getName(), "Succeeded", false);
    assertThat(job("pi").getStatus().getSucceeded()).isEqualTo(1);
    assertThat(active("pi")).hasSize(2);
    assertThat(cluster.require(Pod.class, "default", first.get(0).getMetadata().getName()).getMetadata().getFinalizers())
        .as("a counted pod loses the tracking finalizer").isNullOrEmpty();

    for (Pod p : active("pi")) {
      cluster.podStatus("default", p.getMetadata().getName(), "Succeeded", false);
    }
    Job done = job("pi");
    assertThat(done.getStatus().getSucceeded()).isEqualTo(3);
    assertThat(done.getStatus().getActive()).isZero();
    assertThat(done.getStatus().getCompletionTime()).isNotNull();
    assertThat(condition(done, "Complete")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(cluster.list(Pod.class, "default")).hasSize(3);
    assertThat(cluster.errors()).isZero();
  }

  @Test
  void failedPodsAreRetriedWithDoublingBackoffUntilTheLimit() {
    cluster.create(job("flaky", 1, 1).editSpec().withBackoffLimit(2).endSpec().build());
    cluster.podStatus("default", active("flaky").get(0).getMetadata().getName(), "Failed", false);
    assertThat(job("flaky").getStatus().getFailed()).isEqualTo(1);
    assertThat(active("flaky")).as("10 s back-off after the first failure").isEmpty();
    cluster.advance(Duration.ofSeconds(9));
    assertThat(active("flaky")).isEmpty();
    cluster.advance(Duration.ofSeconds(1));
    assertThat(active("flaky")).hasSize(1);

    cluster.podStatus("default", active("flaky").get(0).getMetadata().getName(), "Failed", false);
    cluster.advance(Duration.ofSeconds(19));
    assertThat(active("flaky")).as("20 s after the second").isEmpty();
    cluster.advance(Duration.ofSeconds(1));
    assertThat(active("flaky")).hasSize(1);

    cluster.podStatus("default", active("flaky").get(0).getMetadata().getName(), "Failed", false);
    Job failed = job("flaky");
    assertThat(failed.getStatus().getFailed()).isEqualTo(3);
    assertThat(condition(failed, "Failed")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded"));
    cluster.advance(Duration.ofMinutes(10));
    assertThat(active("flaky")).isEmpty();
    assertThat(cluster.list(Pod.class, "default")).hasSize(3);
  }

  @Test
  void indexedJobsRunOnePodPerIndexWithAnnotationEnvAndHostname() {
    cluster.create(job("idx", 3, 3).editSpec().withCompletionMode("Indexed").endSpec().build());
    List<Pod> pods = active("idx");
    assertThat(pods).hasSize(3);
    assertThat(pods).extracting(p -> p.getMetadata().getAnnotations().get(JobPods.COMPLETION_INDEX))
        .containsExactlyInAnyOrder("0", "1", "2");
    Pod one = pods.stream().filter(p -> JobPods.index(p).orElseThrow() == 1).findFirst().orElseThrow();
    assertThat(one.getSpec().getHostname()).isEqualTo("idx-1");
    assertThat(one.getSpec().getContainers().get(0).getEnv())
        .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("JOB_COMPLETION_INDEX=1"));

    cluster.podStatus("default", one.getMetadata().getName(), "Succeeded", false);
    assertThat(job("idx").getStatus().getCompletedIndexes()).isEqualTo("1");
    Pod zero = pods.stream().filter(p -> JobPods.index(p).orElseThrow() == 0).findFirst().orElseThrow();
    cluster.podStatus("default", zero.getMetadata().getName(), "Failed", false);
    cluster.advance(Duration.ofSeconds(10));
    assertThat(active("idx")).extracting(p -> JobPods.index(p).orElseThrow()).containsExactlyInAnyOrder(0, 2);
    for (Pod p : active("idx")) {
      cluster.podStatus("default", p.getMetadata().getName(), "Succeeded", false);
    }
    Job done = job("idx");
    assertThat(done.getStatus().getCompletedIndexes()).isEqualTo("0-2");
    assertThat(condition(done, "Complete")).isPresent();
    assertThat(done.getStatus().getFailed()).isEqualTo(1);
  }

  @Test
  void activeDeadlineFailsTheJobAndStopsItsPods() {
    cluster.create(job("slow", 1, 1).editSpec().withActiveDeadlineSeconds(60L).endSpec().build());
    assertThat(active("slow")).hasSize(1);
    cluster.advance(Duration.ofSeconds(60));
    assertThat(condition(job("slow"), "Failed")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("DeadlineExceeded"));
    assertThat(active("slow")).isEmpty();
    assertThat(job("slow").getStatus().getFailed()).as("pods the controller stops are not failures").isNull();
  }

  @Test
  void withoutCompletionsTheFirstSuccessLetsTheRestFinishAndStartsNoMore() {
    cluster.create(job("queue", null, 3).build());
    List<Pod> workers = active("queue");
    assertThat(workers).hasSize(3);
    cluster.podStatus("default", workers.get(0).getMetadata().getName(), "Succeeded", false);
    assertThat(active("queue")).as("the others keep running").hasSize(2);
    assertThat(condition(job("queue"), "Complete")).isEmpty();
    cluster.podStatus("default", workers.get(1).getMetadata().getName(), "Failed", false);
    cluster.advance(Duration.ofMinutes(1));
    assertThat(active("queue")).as("no replacement after a success").hasSize(1);
    cluster.podStatus("default", workers.get(2).getMetadata().getName(), "Succeeded", false);
    assertThat(condition(job("queue"), "Complete")).isPresent();
    assertThat(job("queue").getStatus().getSucceeded()).isEqualTo(2);
  }

  @Test
  void suspendStopsPodsAndResumeStartsThem() {
    cluster.create(job("later", 2, 2).editSpec().withSuspend(true).endSpec().build());
    assertThat(active("later")).isEmpty();
    assertThat(condition(job("later"), "Suspended")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    Job j = job("later");
    j.getSpec().setSuspend(false);
    cluster.resources(Job.class).update(j);
    cluster.settle();
    assertThat(active("later")).hasSize(2);
    assertThat(condition(job("later"), "Suspended")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
  }

  @Test
  void finishedJobsAreDeletedAfterTheirTtl() {
    cluster.create(job("short", 1, 1).editSpec().withTtlSecondsAfterFinished(100).endSpec().build());
    cluster.podStatus("default", active("short").get(0).getMetadata().getName(), "Succeeded", false);
    assertThat(condition(job("short"), "Complete")).isPresent();
    cluster.advance(Duration.ofSeconds(99));
    assertThat(cluster.get(Job.class, "default", "short")).isPresent();
    cluster.advance(Duration.ofSeconds(1));
    assertThat(cluster.get(Job.class, "default", "short")).isEmpty();
  }

  @Test
  void aPodDeletedWhileRunningCountsAsFailedAndIsReplaced() {
    cluster.create(job("victim", 1, 1).build());
    Pod pod = active("victim").get(0);
    cluster.resources(Pod.class).delete("default", pod.getMetadata().getName());
    cluster.settle();
    assertThat(cluster.get(Pod.class, "default", pod.getMetadata().getName())).as("finalizer released").isEmpty();
    assertThat(job("victim").getStatus().getFailed()).isEqualTo(1);
    cluster.advance(Duration.ofSeconds(10));
    assertThat(active("victim")).hasSize(1);
  }
}
