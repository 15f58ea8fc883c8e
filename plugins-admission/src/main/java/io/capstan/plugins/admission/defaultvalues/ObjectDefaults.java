package io.capstan.plugins.admission.defaultvalues;

import io.capstan.spi.admission.AdmissionOperation;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * Picks the defaults for an object by its fabric8 class. Kinds without defaults in Kubernetes
 * (ConfigMap, ServiceAccount, Role, Lease, Ingress, ...) and unknown classes are left alone.
 */
final class ObjectDefaults {

  private ObjectDefaults() {}

  /** Applies the defaults of {@code obj}'s kind to it, in place. */
  static void apply(HasMetadata obj, AdmissionOperation operation) {
    if (obj instanceof Pod pod) {
      PodDefaults.pod(pod, operation == AdmissionOperation.CREATE);
    } else if (obj instanceof PodTemplate template) {
      PodDefaults.template(template.getTemplate());
    } else if (obj instanceof Deployment d) {
      WorkloadDefaults.deployment(d);
    } else if (obj instanceof ReplicaSet rs) {
      WorkloadDefaults.replicaSet(rs);
    } else if (obj instanceof StatefulSet sts) {
      WorkloadDefaults.statefulSet(sts);
    } else if (obj instanceof DaemonSet ds) {
      WorkloadDefaults.daemonSet(ds);
    } else if (obj instanceof ReplicationController rc) {
      WorkloadDefaults.replicationController(rc);
    } else if (obj instanceof Job job) {
      BatchDefaults.job(job);
    } else if (obj instanceof CronJob cronJob) {
      BatchDefaults.cronJob(cronJob);
    } else if (obj instanceof Service service) {
      ServiceDefaults.service(service);
    } else if (obj instanceof Endpoints endpoints) {
      ServiceDefaults.endpoints(endpoints);
    } else if (obj instanceof NetworkPolicy policy) {
      ServiceDefaults.networkPolicy(policy);
    } else {
      // Secret, Namespace, PersistentVolume(Claim), LimitRange, RBAC bindings, PriorityClass
      CoreDefaults.apply(obj);
    }
  }
}
