package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jobs and CronJobs, after Kubernetes' TestValidateJob, TestValidateJobUpdate, TestValidateCronJob
 * and TestValidateCronJobScheduleTZ (pkg/apis/batch/validation/validation_test.go).
 */
class JobValidationTest {

  static final String POD = "template:\n  spec:\n    restartPolicy: Never\n    containers: [{name: app, image: busybox}]\n";

  static String job(String spec) {
    return "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi, namespace: default}\nspec:\n" + spec.indent(2);
  }

  static String cronJob(String name, String spec) {
    return "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: " + name + ", namespace: default}\nspec:\n"
        + spec.indent(2);
  }

  static String cronJob(String spec) {
    return cronJob("nightly", spec);
  }

  static String jobTemplate() {
    return "jobTemplate:\n  spec:\n" + POD.indent(4);
  }

  static Stream<Arguments> createCases() {
    return Stream.of(
        Arguments.of("valid job", job(POD), List.of()),
        Arguments.of("negative counts", job("parallelism: -1\ncompletions: -1\nbackoffLimit: -1\nactiveDeadlineSeconds: -1\n"
            + "ttlSecondsAfterFinished: -1\n" + POD),
            List.of("spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
                "spec.completions: Invalid value: -1: must be greater than or equal to 0",
                "spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
                "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
                "spec.ttlSecondsAfterFinished: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("restartPolicy Always", job(POD.replace("Never", "Always")),
            List.of("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"")),
        Arguments.of("restartPolicy unset reads as Always", job(POD.replace("    restartPolicy: Never\n", "")),
            List.of("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"")),
        Arguments.of("completion mode", job("completionMode: Sometimes\n" + POD),
            List.of("spec.completionMode: Unsupported value: \"Sometimes\": supported values: \"NonIndexed\", \"Indexed\"")),
        Arguments.of("indexed needs completions", job("completionMode: Indexed\n" + POD),
            List.of("spec.completions: Required value: when completion mode is Indexed")),
        Arguments.of("manual selector needs a selector", job("manualSelector: true\n" + POD),
            List.of("spec.selector: Required value")),
        Arguments.of("selector must match", job("selector: {matchLabels: {a: b}}\n" + POD),
            List.of("spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`")),
        Arguments.of("valid cronjob", cronJob("schedule: \"*/5 * * * *\"\n" + jobTemplate()), List.of()),
        Arguments.of("cronjob descriptors", cronJob("schedule: \"@hourly\"\n" + jobTemplate()), List.of()),
        Arguments.of("cronjob schedule required", cronJob(jobTemplate()), List.of("spec.schedule: Required value")),
        Arguments.of("cronjob wrong field count", cronJob("schedule: \"* * * *\"\n" + jobTemplate()),
            List.of("spec.schedule: Invalid value: \"* * * *\": expected exactly 5 fields, found 4: [* * * *]")),
        Arguments.of("cronjob unknown descriptor", cronJob("schedule: \"@fortnightly\"\n" + jobTemplate()),
            List.of("spec.schedule: Invalid value: \"@fortnightly\": unrecognized descriptor: @fortnightly")),
        Arguments.of("cronjob TZ in schedule", cronJob("schedule: \"TZ=UTC 0 0 * * *\"\n" + jobTemplate()),
            List.of("spec.schedule: Invalid value: \"TZ=UTC 0 0 * * *\": cannot use TZ or CRON_TZ in schedule, use"
                + " timeZone field instead")),
        Arguments.of("cronjob time zones", cronJob("schedule: \"0 0 * * *\"\ntimeZone: Mars/Olympus\n" + jobTemplate()),
            List.of("spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus")),
        Arguments.of("cronjob empty time zone", cronJob("schedule: \"0 0 * * *\"\ntimeZone: \"\"\n" + jobTemplate()),
            List.of("spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string")),
        Arguments.of("cronjob Local", cronJob("schedule: \"0 0 * * *\"\ntimeZone: Local\n" + jobTemplate()),
            List.of("spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in"
                + " https://www.iana.org/time-zones")),
        Arguments.of("cronjob policy and limits", cronJob("schedule: \"0 0 * * *\"\nconcurrencyPolicy: Sometimes\n"
            + "startingDeadlineSeconds: -1\nsuccessfulJobsHistoryLimit: -1\nfailedJobsHistoryLimit: -1\n" + jobTemplate()),
            List.of("spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
                "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"",
                "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
                "spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("cronjob job template restart policy", cronJob("schedule: \"0 0 * * *\"\n"
            + jobTemplate().replace("Never", "Always")),
            List.of("spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values:"
                + " \"OnFailure\", \"Never\"")),
        Arguments.of("cronjob name at most 52", cronJob("a".repeat(53), "schedule: \"0 0 * * *\"\n" + jobTemplate()),
            List.of("metadata.name: Invalid value: \"" + "a".repeat(53) + "\": must be no more than 52 characters")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void create(String name, String yaml, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.create(yaml))).containsExactlyElementsOf(expected);
  }

  /** Schedules robfig/cron's ParseStandard accepts, as Kubernetes' CronJob tests and docs use them. */
  @ParameterizedTest
  @ValueSource(strings = {"* * * * *", "0 0 * * *", "*/15 0-6 1,15 * 1-5", "0 12 ? * MON-FRI", "0 0 1 JAN *",
      "5 4 * * sun", "0 0 1-31/2 * *", "@yearly", "@annually", "@monthly", "@weekly",
      "@daily", "@midnight", "@hourly", "@every 1h30m"})
  void acceptedSchedules(String schedule) {
    assertThat(CronSchedule.parseError(schedule)).as(schedule).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7", "* * * * * *", "hello",
      "*/0 * * * *", "@every forever", "5-1 * * * *"})
  void rejectedSchedules(String schedule) {
    assertThat(CronSchedule.parseError(schedule)).as(schedule).isPresent();
  }

  static Stream<Arguments> updateCases() {
    String old = job("selector: {matchLabels: {job: pi}}\n" + POD.replace("template:\n",
        "template:\n  metadata: {labels: {job: pi}}\n"));
    return Stream.of(
        Arguments.of("suspend and parallelism may change", old.replace("selector:", "parallelism: 3\n  suspend: true\n  selector:"),
            old, List.of()),
        Arguments.of("template is immutable", old.replace("image: busybox", "image: busybox:2"), old,
            List.of("spec.template: Invalid value: {\"metadata\":{\"labels\":{\"job\":\"pi\"}},\"spec\":{\"containers\":"
                + "[{\"image\":\"busybox:2\",\"name\":\"app\"}],\"restartPolicy\":\"Never\"}}: field is immutable")),
        Arguments.of("completions are immutable", old.replace("selector:", "completions: 2\n  selector:"), old,
            List.of("spec.completions: Invalid value: 2: field is immutable")),
        Arguments.of("cronjob keeps TZ it already had", cronJob("schedule: \"TZ=UTC 0 1 * * *\"\n" + jobTemplate()),
            cronJob("schedule: \"TZ=UTC 0 0 * * *\"\n" + jobTemplate()), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updateCases")
  void update(String name, String yaml, String old, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.update(yaml, old))).containsExactlyElementsOf(expected);
  }
}
