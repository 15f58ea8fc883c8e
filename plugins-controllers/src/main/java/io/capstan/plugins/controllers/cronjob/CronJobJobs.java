package io.capstan.plugins.controllers.cronjob;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.OwnerReferences;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Jobs a CronJob starts, from its jobTemplate, as Kubernetes' getJobFromTemplate2 builds them. */
final class CronJobJobs {

  private CronJobJobs() {}

  static Job fromTemplate(CronJob cronJob, String name, Instant scheduled) {
    ObjectMeta templateMeta = cronJob.getSpec().getJobTemplate().getMetadata();
    Map<String, String> labels = new HashMap<>(templateMeta == null || templateMeta.getLabels() == null ? Map.of() : templateMeta.getLabels());
    Map<String, String> annotations = new HashMap<>(templateMeta == null || templateMeta.getAnnotations() == null ? Map.of() : templateMeta.getAnnotations());
    annotations.put(CronJobController.SCHEDULED_AT, scheduled.toString());
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(cronJob.getMetadata().getNamespace());
    meta.setLabels(labels);
    meta.setAnnotations(annotations);
    meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(cronJob, "batch/v1", "CronJob")));
    Job job = new Job();
    job.setApiVersion("batch/v1");
    job.setKind("Job");
    job.setMetadata(meta);
    job.setSpec(DeepCopy.of(cronJob.getSpec().getJobTemplate().getSpec()));
    return job;
  }

  static ObjectReference reference(Job job) {
    return new ObjectReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
        .withNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
        .withUid(job.getMetadata().getUid()).build();
  }
}
