package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Job, cron job and simple core-kind rows at a fixed time, following Kubernetes 1.32's printers. */
class BatchAndCorePrintersTest {

  private static final Instant NOW = PodPrinterTest.NOW;

  private static JobBuilder job() {
    return new JobBuilder().withNewMetadata().withName("pi").withCreationTimestamp("2025-01-01T11:50:00Z")
        .endMetadata().withNewSpec().withCompletions(3).withNewSelector().addToMatchLabels("job", "pi").endSelector()
        .withNewTemplate().withNewSpec().addNewContainer().withName("pi").withImage("perl").endContainer().endSpec()
        .endTemplate().endSpec();
  }

  @Test
  void jobsShowStatusCompletionsAndDuration() {
    JobBuilder running = job().withNewStatus().withSucceeded(1).withStartTime("2025-01-01T11:50:00Z").endStatus();
    assertThat(BatchPrinters.job().cells(running.build(), NOW)).containsExactly("pi", "Running", "1/3", "10m", "10m",
        "pi", "perl", "job=pi");
    JobBuilder complete = job().withNewStatus().withSucceeded(3).withStartTime("2025-01-01T11:50:00Z")
        .withCompletionTime("2025-01-01T11:50:42Z").addNewCondition().withType("Complete").withStatus("True")
        .endCondition().endStatus();
    assertThat(BatchPrinters.job().cells(complete.build(), NOW).subList(1, 4)).containsExactly("Complete", "3/3",
        "42s");
    JobBuilder failed = job().withNewStatus().addNewCondition().withType("FailureTarget").withStatus("True")
        .endCondition().addNewCondition().withType("Failed").withStatus("True").endCondition().endStatus();
    assertThat(BatchPrinters.job().cells(failed.build(), NOW).subList(1, 4)).containsExactly("Failed", "0/3", "");
    assertThat(BatchPrinters.job().cells(job().withNewStatus().addNewCondition().withType("FailureTarget")
        .withStatus("True").endCondition().endStatus().build(), NOW).get(1)).isEqualTo("FailureTarget");
    assertThat(BatchPrinters.job().cells(job().withNewStatus().addNewCondition().withType("Suspended")
        .withStatus("True").endCondition().endStatus().build(), NOW).get(1)).isEqualTo("Suspended");
    assertThat(BatchPrinters.job().cells(job().editMetadata().withDeletionTimestamp("2025-01-01T11:59:00Z")
        .endMetadata().build(), NOW).get(1)).isEqualTo("Terminating");
    JobBuilder workQueue = job().editSpec().withCompletions(null).withParallelism(4).endSpec().withNewStatus()
        .withSucceeded(2).endStatus();
    assertThat(BatchPrinters.job().cells(workQueue.build(), NOW).get(2)).isEqualTo("2/1 of 4");
    assertThat(BatchPrinters.job().cells(job().editSpec().withCompletions(null).endSpec().build(), NOW).get(2))
        .isEqualTo("0/1");
    assertThat(BatchPrinters.job().columns()).extracting(TableColumnDefinition::name)
        .containsExactly("Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector");
  }

  @Test
  void cronJobsShowScheduleSuspendActiveAndLastRun() {
    CronJobBuilder cj = new CronJobBuilder().withNewMetadata().withName("nightly").withCreationTimestamp(
        "2024-12-20T12:00:00Z").endMetadata().withNewSpec().withSchedule("0 3 * * *").withNewJobTemplate()
        .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("backup").withImage("restic")
        .endContainer().endSpec().endTemplate().endSpec().endJobTemplate().endSpec();
    assertThat(BatchPrinters.cronJob().cells(cj.build(), NOW)).containsExactly("nightly", "0 3 * * *", "<none>",
        "<unset>", 0L, "<none>", "12d", "backup", "restic", "<none>");
    cj.editSpec().withSuspend(false).withTimeZone("Europe/Paris").endSpec().withNewStatus()
        .withLastScheduleTime("2025-01-01T03:00:00Z").addNewActive().withName("nightly-1").endActive().endStatus();
    assertThat(BatchPrinters.cronJob().cells(cj.build(), NOW).subList(2, 6)).containsExactly("Europe/Paris", "False",
        1L, "9h");
  }

  @Test
  void namespacesConfigMapsSecretsAndServiceAccounts() {
    assertThat(CorePrinters.namespace().cells(new NamespaceBuilder().withNewMetadata().withName("default")
        .withCreationTimestamp("2025-01-01T07:00:00Z").endMetadata().withNewStatus().withPhase("Active").endStatus()
        .build(), NOW)).containsExactly("default", "Active", "5h");
    assertThat(CorePrinters.namespace().cells(new NamespaceBuilder().withNewMetadata().withName("going")
        .endMetadata().withNewStatus().withPhase("Terminating").endStatus().build(), NOW).get(1))
        .isEqualTo("Terminating");
    assertThat(CorePrinters.configMap().cells(new ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata()
        .addToData("a", "1").addToData("b", "2").addToBinaryData("c", "AA==").build(), NOW))
        .containsExactly("cfg", 3L, "<unknown>");
    assertThat(CorePrinters.secret().cells(new SecretBuilder().withNewMetadata().withName("tls").endMetadata()
        .withType("kubernetes.io/tls").addToData("tls.crt", "eA==").addToData("tls.key", "eA==").build(), NOW))
        .containsExactly("tls", "kubernetes.io/tls", 2L, "<unknown>");
    assertThat(CorePrinters.serviceAccount().cells(new ServiceAccountBuilder().withNewMetadata().withName("default")
        .endMetadata().build(), NOW)).containsExactly("default", 0L, "<unknown>");
  }

  @Test
  void resourceQuotasSplitRequestsAndLimits() {
    ResourceQuotaBuilder quota = new ResourceQuotaBuilder().withNewMetadata().withName("compute").endMetadata()
        .withNewStatus().addToHard("requests.cpu", new Quantity("2")).addToHard("limits.memory", new Quantity("4Gi"))
        .addToHard("pods", new Quantity("10")).addToHard("limits.cpu", new Quantity("4000m"))
        .addToUsed("requests.cpu", new Quantity("500m")).addToUsed("pods", new Quantity("3"))
        .addToUsed("limits.memory", new Quantity("1024Mi")).endStatus();
    assertThat(CorePrinters.resourceQuota().cells(quota.build(), NOW)).containsExactly("compute",
        "pods: 3/10, requests.cpu: 500m/2", "limits.cpu: 0/4, limits.memory: 1Gi/4Gi", "<unknown>");
  }
}
