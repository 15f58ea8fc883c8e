package io.capstan.plugins.admission.defaultvalues;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod defaults, Kubernetes 1.32's {@code SetDefaults_Pod}, {@code SetDefaults_PodSpec},
 * {@code SetDefaults_Container} and {@code SetDefaults_ContainerPort}
 * (pkg/apis/core/v1/defaults.go); probes and volumes are in {@link ProbeAndVolumeDefaults}.
 */
final class PodDefaults {

  /** {@code v1.DefaultTerminationGracePeriodSeconds}. */
  static final long GRACE_PERIOD = 30;

  private PodDefaults() {}

  /**
   * A pod: its spec, plus the two pod-only defaults (requests from limits, service links), and on
   * create a negative grace period raised to 1, which Kubernetes 1.32 accepts and stores as 1.
   */
  static void pod(Pod pod, boolean create) {
    if (pod.getSpec() == null) {
      return;
    }
    PodSpec spec = pod.getSpec();
    podSpec(spec);
    // only pods, not templates: a template's pods get this when they are created
    each(spec.getContainers(), c -> requestsFromLimits(c.getResources()));
    each(spec.getInitContainers(), c -> requestsFromLimits(c.getResources()));
    if (spec.getEnableServiceLinks() == null) {
      spec.setEnableServiceLinks(true);
    }
    if (create && spec.getTerminationGracePeriodSeconds() != null && spec.getTerminationGracePeriodSeconds() < 0) {
      spec.setTerminationGracePeriodSeconds(1L);
    }
  }

  /** A pod template inside a workload. */
  static void template(PodTemplateSpec template) {
    if (template != null && template.getSpec() != null) {
      podSpec(template.getSpec());
    }
  }

  static void podSpec(PodSpec spec) {
    if (empty(spec.getDnsPolicy())) {
      spec.setDnsPolicy("ClusterFirst");
    }
    if (empty(spec.getRestartPolicy())) {
      spec.setRestartPolicy("Always");
    }
    if (spec.getSecurityContext() == null) {
      spec.setSecurityContext(new PodSecurityContext());
    }
    if (spec.getTerminationGracePeriodSeconds() == null) {
      spec.setTerminationGracePeriodSeconds(GRACE_PERIOD);
    }
    if (empty(spec.getSchedulerName())) {
      spec.setSchedulerName("default-scheduler");
    }
    each(spec.getContainers(), PodDefaults::container);
    each(spec.getInitContainers(), PodDefaults::container);
    each(spec.getEphemeralContainers(), PodDefaults::ephemeralContainer);
    each(spec.getVolumes(), ProbeAndVolumeDefaults::volume);
  }

  static void container(Container c) {
    if (empty(c.getImagePullPolicy())) {
      c.setImagePullPolicy("latest".equals(ImageNames.tag(c.getImage())) ? "Always" : "IfNotPresent");
    }
    if (empty(c.getTerminationMessagePath())) {
      c.setTerminationMessagePath("/dev/termination-log");
    }
    if (empty(c.getTerminationMessagePolicy())) {
      c.setTerminationMessagePolicy("File");
    }
    each(c.getPorts(), PodDefaults::port);
    each(c.getEnv(), PodDefaults::env);
    ProbeAndVolumeDefaults.probe(c.getLivenessProbe());
    ProbeAndVolumeDefaults.probe(c.getReadinessProbe());
    ProbeAndVolumeDefaults.probe(c.getStartupProbe());
    ProbeAndVolumeDefaults.lifecycle(c.getLifecycle());
  }

  private static void ephemeralContainer(EphemeralContainer c) {
    if (empty(c.getImagePullPolicy())) {
      c.setImagePullPolicy("latest".equals(ImageNames.tag(c.getImage())) ? "Always" : "IfNotPresent");
    }
    if (empty(c.getTerminationMessagePath())) {
      c.setTerminationMessagePath("/dev/termination-log");
    }
    if (empty(c.getTerminationMessagePolicy())) {
      c.setTerminationMessagePolicy("File");
    }
    each(c.getPorts(), PodDefaults::port);
    each(c.getEnv(), PodDefaults::env);
  }

  private static void port(ContainerPort p) {
    if (empty(p.getProtocol())) {
      p.setProtocol("TCP");
    }
  }

  /** {@code SetDefaults_ObjectFieldSelector}: a fieldRef's apiVersion is v1. */
  private static void env(EnvVar e) {
    if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null
        && empty(e.getValueFrom().getFieldRef().getApiVersion())) {
      e.getValueFrom().getFieldRef().setApiVersion("v1");
    }
  }

  /** Limits set without requests: each missing request takes its limit. */
  private static void requestsFromLimits(ResourceRequirements r) {
    if (r == null || r.getLimits() == null || r.getLimits().isEmpty()) {
      return;
    }
    Map<String, Quantity> requests = r.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getRequests());
    r.getLimits().forEach((name, limit) -> requests.putIfAbsent(name, new Quantity(limit.getAmount(), limit.getFormat())));
    r.setRequests(requests);
  }

  static boolean empty(String value) {
    return value == null || value.isEmpty();
  }

  static <T> void each(List<T> items, java.util.function.Consumer<T> action) {
    if (items != null) {
      items.forEach(action);
    }
  }
}
