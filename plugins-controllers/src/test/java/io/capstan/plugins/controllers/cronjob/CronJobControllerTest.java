package io.capstan.plugins.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.capstan.plugins.controllers.testing.Workloads;
import io.capstan.spi.controller.EventType;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CronJobControllerTest {

  static CronJobBuilder cron(String name, String schedule) {
    return new CronJobBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withSchedule(schedule).withNewJobTemplate().withNewSpec()
        .withTemplate(Workloads.template(Map.of("app", name), "busybox")).endSpec().endJobTemplate().endSpec();
  }

  static List<String> jobNames(SimCluster cluster) {
    return cluster.list(Job.class, "default").stream().map(j -> j.getMetadata().getName()).sorted().toList();
  }

  static void finish(SimCluster cluster, String name, String type) {
    Job job = cluster.require(Job.class, "default", name);
    String now = cluster.clock().now().toString();
    job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
        .withConditions(new JobConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now).build())
        .withCompletionTime(type.equals("Complete") ? now : null).build());
    cluster.resources(Job.class).updateStatus(job);
    cluster.settle();
  }

  @Test
  void aDayOfHourlySchedulesStartsOneJobPerHourNamedByScheduledMinute() throws Exception {
    try (SimCluster cluster = SimCluster.start(new CronJobController())) {
      cluster.create(cron("hourly", "@hourly").build());
      assertThat(jobNames(cluster)).isEmpty();
      cluster.advance(Duration.ofHours(24));
      long base = SimCluster.EPOCH.getEpochSecond() / 60;
      List<String> expected = IntStream.rangeClosed(1, 24).mapToObj(h -> "hourly-" + (base + 60L * h)).sorted().toList();
      assertThat(jobNames(cluster)).containsExactlyElementsOf(expected);
      CronJob cj = cluster.require(CronJob.class, "default", "hourly");
      assertThat(cj.getStatus().getLastScheduleTime()).isEqualTo(SimCluster.EPOCH.plus(Duration.ofHours(24)).toString());
      assertThat(cj.getStatus().getActive()).hasSize(24);
      Job first = cluster.require(Job.class, "default", expected.get(0));
      assertThat(first.getMetadata().getAnnotations()).containsEntry(CronJobController.SCHEDULED_AT,
          SimCluster.EPOCH.plus(Duration.ofHours(1)).toString());
      assertThat(first.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(cj.getMetadata().getUid());

      for (String name : expected.subList(0, 20)) {
        finish(cluster, name, "Complete");
      }
      assertThat(jobNames(cluster)).as("successfulJobsHistoryLimit 3 + 4 active").hasSize(7);
      CronJob after = cluster.require(CronJob.class, "default", "hourly");
      assertThat(after.getStatus().getActive()).hasSize(4);
      assertThat(after.getStatus().getLastSuccessfulTime()).isNotNull();
      assertThat(cluster.errors()).isZero();
    }
  }

  @Test
  void afterALongOutageOnlyTheLatestMissedScheduleRunsWithAWarning() throws Exception {
    try (SimCluster cluster = SimCluster.start()) {
      cluster.create(cron("minutely", "* * * * *").build());
      cluster.advance(Duration.ofHours(3).plusSeconds(30));
      cluster.run(new CronJobController());
      Instant latest = SimCluster.EPOCH.plus(Duration.ofHours(3));
      assertThat(jobNames(cluster)).containsExactly("minutely-" + latest.getEpochSecond() / 60);
      assertThat(cluster.events()).anySatisfy(e -> {
        assertThat(e.reason()).isEqualTo("TooManyMissedTimes");
        assertThat(e.type()).isEqualTo(EventType.WARNING);
      });
      cluster.advance(Duration.ofMinutes(2));
      assertThat(jobNames(cluster)).hasSize(3);
    }
  }

  @Test
  void aFewMissedSchedulesStartOnlyTheLatestWithoutWarning() throws Exception {
    try (SimCluster cluster = SimCluster.start()) {
      cluster.create(cron("five", "*/5 * * * *").build());
      cluster.advance(Duration.ofMinutes(23));
      cluster.run(new CronJobController());
      assertThat(jobNames(cluster)).containsExactly("five-" + (SimCluster.EPOCH.getEpochSecond() / 60 + 20));
      assertThat(cluster.events()).noneMatch(e -> e.reason().equals("TooManyMissedTimes"));
    }
  }

  @Test
  void forbidSkipsWhileAJobRunsAndReplaceSwapsIt() throws Exception {
    try (SimCluster cluster = SimCluster.start(new CronJobController())) {
      cluster.create(cron("forbid", "*/10 * * * *").editSpec().withConcurrencyPolicy("Forbid").endSpec().build());
      cluster.create(cron("replace", "*/10 * * * *").editSpec().withConcurrencyPolicy("Replace").endSpec().build());
      cluster.advance(Duration.ofMinutes(10));
      long m = SimCluster.EPOCH.getEpochSecond() / 60;
      assertThat(jobNames(cluster)).containsExactly("forbid-" + (m + 10), "replace-" + (m + 10));
      cluster.advance(Duration.ofMinutes(10));
      assertThat(jobNames(cluster)).containsExactly("forbid-" + (m + 10), "replace-" + (m + 20));
      assertThat(cluster.events()).anyMatch(e -> e.reason().equals("JobAlreadyActive"));
      // as in Kubernetes the skipped time is not recorded, so it starts as soon as the prior run ends
      finish(cluster, "forbid-" + (m + 10), "Complete");
      assertThat(jobNames(cluster)).containsExactly("forbid-" + (m + 10), "forbid-" + (m + 20), "replace-" + (m + 20));
      cluster.advance(Duration.ofMinutes(10));
      assertThat(jobNames(cluster)).containsExactly("forbid-" + (m + 10), "forbid-" + (m + 20), "replace-" + (m + 30));
    }
  }

  @Test
  void startingDeadlineAndSuspendAndTimeZone() throws Exception {
    try (SimCluster cluster = SimCluster.start()) {
      cluster.create(cron("strict", "0 * * * *").editSpec().withStartingDeadlineSeconds(60L).endSpec().build());
      cluster.create(cron("paused", "* * * * *").editSpec().withSuspend(true).endSpec().build());
      // 09:00 in Tokyo is 00:00 UTC; the epoch is 00:00 UTC, so the first run is a day later
      cluster.create(cron("tokyo", "CRON_TZ=Asia/Tokyo 0 9 * * *").build());
      cluster.advance(Duration.ofMinutes(90));
      cluster.run(new CronJobController());
      assertThat(jobNames(cluster)).as("01:00 is 30 minutes past, beyond the 60 s deadline").isEmpty();
      cluster.advance(Duration.ofMinutes(30));
      assertThat(jobNames(cluster)).containsExactly("strict-" + (SimCluster.EPOCH.getEpochSecond() / 60 + 120));
      cluster.advance(Duration.ofHours(22));
      assertThat(jobNames(cluster)).contains("tokyo-" + (SimCluster.EPOCH.getEpochSecond() / 60 + 24 * 60))
          .noneMatch(n -> n.startsWith("paused"));
    }
  }
}
