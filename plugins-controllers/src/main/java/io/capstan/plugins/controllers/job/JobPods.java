package io.capstan.plugins.controllers.job;

import io.capstan.spi.api.OwnerReferences;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the Job controller reads from and writes into pods. */
final class JobPods {

  static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  static final String LEGACY_CONTROLLER_UID = "controller-uid";
  static final String LEGACY_JOB_NAME = "job-name";
  static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
  static final String INDEX_ENV = "JOB_COMPLETION_INDEX";

  private JobPods() {}

  static boolean succeeded(Pod pod) {
    return "Succeeded".equals(phase(pod));
  }

  static boolean failed(Pod pod) {
    return "Failed".equals(phase(pod));
  }

  static boolean terminal(Pod pod) {
    return succeeded(pod) || failed(pod);
  }

  /** Running or pending, not being deleted. */
  static boolean active(Pod pod) {
    return !terminal(pod) && pod.getMetadata().getDeletionTimestamp() == null;
  }

  static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static boolean tracked(Pod pod) {
    return pod.getMetadata().getFinalizers() != null && pod.getMetadata().getFinalizers().contains(TRACKING_FINALIZER);
  }

  static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  static Optional<Integer> index(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(COMPLETION_INDEX);
    try {
      return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** When a terminal pod finished: the latest container finish time, if reported. */
  static Optional<Instant> finishedAt(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .map(ContainerStatus::getState).filter(Objects::nonNull)
        .map(s -> s.getTerminated() == null ? null : s.getTerminated().getFinishedAt())
        .filter(Objects::nonNull).map(Instant::parse).max(Instant::compareTo);
  }

  /** A new pod of the Job from its template, with Kubernetes' labels, finalizer and owner. */
  static Pod newPod(Job job, Optional<Integer> index) {
    String name = job.getMetadata().getName();
    String uid = job.getMetadata().getUid();
    ObjectMeta templateMeta = job.getSpec().getTemplate().getMetadata();
    Map<String, String> labels = new HashMap<>(templateMeta == null || templateMeta.getLabels() == null ? Map.of() : templateMeta.getLabels());
    labels.put(CONTROLLER_UID, uid);
    labels.put(JOB_NAME, name);
    labels.put(LEGACY_CONTROLLER_UID, uid);
    labels.put(LEGACY_JOB_NAME, name);
    Map<String, String> annotations = new HashMap<>(templateMeta == null || templateMeta.getAnnotations() == null ? Map.of() : templateMeta.getAnnotations());
    PodSpec spec = io.capstan.spi.api.DeepCopy.of(job.getSpec().getTemplate()).getSpec();
    ObjectMeta meta = new ObjectMeta();
    meta.setNamespace(job.getMetadata().getNamespace());
    meta.setGenerateName(name + "-" + index.map(i -> i + "-").orElse(""));
    index.ifPresent(i -> {
      annotations.put(COMPLETION_INDEX, Integer.toString(i));
      labels.put(COMPLETION_INDEX, Integer.toString(i));
      if (spec.getHostname() == null) {
        spec.setHostname(name + "-" + i);
      }
      for (Container container : spec.getContainers()) {
        List<EnvVar> env = new ArrayList<>(container.getEnv() == null ? List.of() : container.getEnv());
        env.removeIf(e -> INDEX_ENV.equals(e.getName()));
        EnvVar var = new EnvVar();
        var.setName(INDEX_ENV);
        var.setValue(Integer.toString(i));
        env.add(var);
        container.setEnv(env);
      }
    });
    meta.setLabels(labels);
    meta.setAnnotations(annotations);
    meta.setFinalizers(new ArrayList<>(List.of(TRACKING_FINALIZER)));
    meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(job, "batch/v1", "Job")));
    Pod pod = new Pod();
    pod.setApiVersion("v1");
    pod.setKind("Pod");
    pod.setMetadata(meta);
    pod.setSpec(spec);
    return pod;
  }
}
