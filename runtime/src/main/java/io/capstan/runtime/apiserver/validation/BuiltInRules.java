package io.capstan.runtime.apiserver.validation;

import static io.capstan.runtime.apiserver.validation.NameRule.DNS1035_LABEL;
import static io.capstan.runtime.apiserver.validation.NameRule.DNS_LABEL;
import static io.capstan.runtime.apiserver.validation.NameRule.DNS_SUBDOMAIN;
import static io.capstan.runtime.apiserver.validation.NameRule.PATH_SEGMENT;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which rules apply to which built-in kind, keyed by {@code group/Kind}. Kinds served but not listed
 * here (Events, Endpoints, PVs, HPAs, ...) get ObjectMeta checks with DNS-1123 subdomain names, as do
 * plugin kinds. Name rules per kind follow Kubernetes: Namespaces are DNS-1123 labels, Services
 * DNS-1035 labels, RBAC objects path segments.
 */
final class BuiltInRules {

  private static final Map<String, KindRules<?>> RULES = new HashMap<>();
  private static final FieldPath SELECTOR = FieldPath.of("spec", "selector");

  static {
    put("", "Pod", KindRules.withUpdate(Pod.class, DNS_SUBDOMAIN, PodValidation::create, PodValidation::update));
    put("", "PodTemplate", KindRules.of(PodTemplate.class, DNS_SUBDOMAIN, PodValidation::createTemplate));
    put("", "ReplicationController", KindRules.of(ReplicationController.class, DNS_SUBDOMAIN,
        (rc, errs) -> StatefulSetValidation.replicationController(rc.getSpec(), errs)));
    put("", "Service", KindRules.withUpdate(Service.class, DNS1035_LABEL, (s, errs) -> ServiceValidation.create(s.getSpec(), errs),
        (s, old, errs) -> ServiceValidation.update(s.getSpec(), old.getSpec(), errs)));
    put("", "ConfigMap", KindRules.withUpdate(ConfigMap.class, DNS_SUBDOMAIN, ConfigValidation::configMap,
        ConfigValidation::configMapUpdate));
    put("", "Secret", KindRules.withUpdate(Secret.class, DNS_SUBDOMAIN, ConfigValidation::secret, ConfigValidation::secretUpdate));
    put("", "Namespace", KindRules.of(Namespace.class, DNS_LABEL, ClusterValidation::namespace));
    put("", "Node", KindRules.withUpdate(Node.class, DNS_SUBDOMAIN, ClusterValidation::node, ClusterValidation::nodeUpdate));
    put("", "ServiceAccount", KindRules.metaOnly(ServiceAccount.class, DNS_SUBDOMAIN));
    put("", "ResourceQuota", KindRules.of(ResourceQuota.class, DNS_SUBDOMAIN,
        (q, errs) -> QuotaValidation.resourceQuota(q.getSpec(), errs)));
    put("", "LimitRange", KindRules.of(LimitRange.class, DNS_SUBDOMAIN,
        (l, errs) -> QuotaValidation.limitRange(l.getSpec() == null ? null : l.getSpec().getLimits(), errs)));
    put("apps", "Deployment", KindRules.withUpdate(Deployment.class, DNS_SUBDOMAIN,
        (d, errs) -> WorkloadValidation.deployment(d.getSpec(), errs),
        (d, old, errs) -> errs.immutable(SELECTOR, d.getSpec() == null ? null : d.getSpec().getSelector(),
            old.getSpec() == null ? null : old.getSpec().getSelector())));
    put("apps", "ReplicaSet", KindRules.withUpdate(ReplicaSet.class, DNS_SUBDOMAIN,
        (r, errs) -> WorkloadValidation.replicaSet(r.getSpec(), errs),
        (r, old, errs) -> errs.immutable(SELECTOR, r.getSpec() == null ? null : r.getSpec().getSelector(),
            old.getSpec() == null ? null : old.getSpec().getSelector())));
    put("apps", "DaemonSet", KindRules.withUpdate(DaemonSet.class, DNS_SUBDOMAIN,
        (d, errs) -> WorkloadValidation.daemonSet(d.getSpec(), errs),
        (d, old, errs) -> errs.immutable(SELECTOR, d.getSpec() == null ? null : d.getSpec().getSelector(),
            old.getSpec() == null ? null : old.getSpec().getSelector())));
    put("apps", "StatefulSet", KindRules.withUpdate(StatefulSet.class, DNS_SUBDOMAIN,
        (s, errs) -> StatefulSetValidation.statefulSet(s.getSpec(), errs),
        (s, old, errs) -> StatefulSetValidation.statefulSetUpdate(s.getSpec(), old.getSpec(), errs)));
    put("batch", "Job", KindRules.withUpdate(Job.class, DNS_SUBDOMAIN,
        (j, errs) -> JobValidation.job(j.getMetadata(), j.getSpec(), errs),
        (j, old, errs) -> JobValidation.jobUpdate(j.getSpec(), old.getSpec(), errs)));
    // an update validates against the old schedule and time zone, and skips the create-only name limit
    put("batch", "CronJob", new KindRules<CronJob>(CronJob.class, DNS_SUBDOMAIN,
        (c, errs) -> JobValidation.cronJob(c.getMetadata(), c.getSpec(), null, errs),
        (c, old, errs) -> JobValidation.cronJob(c.getMetadata(), c.getSpec(),
            old.getSpec() == null ? new CronJobSpec() : old.getSpec(), errs)));
    put("coordination.k8s.io", "Lease", KindRules.of(Lease.class, DNS_SUBDOMAIN,
        (l, errs) -> ClusterValidation.lease(l.getSpec(), errs)));
    put("networking.k8s.io", "Ingress", KindRules.of(Ingress.class, DNS_SUBDOMAIN,
        (i, errs) -> IngressValidation.ingress(i.getSpec(), errs)));
    put(RbacValidation.GROUP, "Role", KindRules.of(Role.class, PATH_SEGMENT,
        (r, errs) -> RbacValidation.rules(r.getRules(), true, errs)));
    put(RbacValidation.GROUP, "ClusterRole", KindRules.of(ClusterRole.class, PATH_SEGMENT, (r, errs) -> {
      RbacValidation.aggregation(r.getAggregationRule(), errs);
      RbacValidation.rules(r.getRules(), false, errs);
    }));
    put(RbacValidation.GROUP, "RoleBinding", KindRules.withUpdate(RoleBinding.class, PATH_SEGMENT,
        (b, errs) -> RbacValidation.binding(b.getRoleRef(), b.getSubjects(), true, errs),
        (b, old, errs) -> RbacValidation.bindingUpdate(b.getRoleRef(), old.getRoleRef(), errs)));
    put(RbacValidation.GROUP, "ClusterRoleBinding", KindRules.withUpdate(ClusterRoleBinding.class, PATH_SEGMENT,
        (b, errs) -> RbacValidation.binding(b.getRoleRef(), b.getSubjects(), false, errs),
        (b, old, errs) -> RbacValidation.bindingUpdate(b.getRoleRef(), old.getRoleRef(), errs)));
  }

  static {
    put("apiextensions.k8s.io", "CustomResourceDefinition", KindRules.of(
        io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class, DNS_SUBDOMAIN,
        CrdValidation::create));
  }

  private BuiltInRules() {}

  private static void put(String group, String kind, KindRules<?> rules) {
    RULES.put(group + "/" + kind, rules);
  }

  /** The rules of a built-in kind, empty for kinds checked by ObjectMeta alone. */
  static Optional<KindRules<? extends HasMetadata>> find(String group, String kind) {
    return Optional.ofNullable(RULES.get(group + "/" + kind));
  }

  /** True when {@code group} is one of Kubernetes' own API groups (core finalizer rules apply). */
  static boolean isKubernetesGroup(String group) {
    return group.isEmpty() || !group.contains(".") || group.endsWith(".k8s.io");
  }
}
