package io.capstan.runtime.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Pod spec rules shared by pods and every pod template: Kubernetes' {@code ValidatePodSpec},
 * {@code ValidateVolumes}, {@code validateRestartPolicy}, {@code validateDNSPolicy},
 * {@code ValidateTolerations} and {@code ValidatePodTemplateSpec}
 * (pkg/apis/core/validation/validation.go, Kubernetes 1.32). Stateless.
 */
final class PodSpecValidation {

  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final long MAX_INT32 = Integer.MAX_VALUE;

  private PodSpecValidation() {}

  /** {@code ValidatePodTemplateSpec}: note Kubernetes reports template labels at {@code template.labels}. */
  static void template(PodTemplateSpec template, FieldPath path, FieldErrors errs) {
    template(template, path, Set.of(), errs);
  }

  /**
   * A template whose pods also get the volumes named in {@code extraVolumes} (a StatefulSet's
   * claim templates), so that mounts of those pass.
   */
  static void template(PodTemplateSpec template, FieldPath path, Set<String> extraVolumes, FieldErrors errs) {
    if (template == null) {
      errs.required(path, "");
      return;
    }
    if (template.getMetadata() != null) {
      MetaValidation.labels(template.getMetadata().getLabels(), path.child("labels"), errs);
      MetaValidation.annotations(template.getMetadata().getAnnotations(), path.child("annotations"), errs);
    }
    PodSpec spec = template.getSpec() == null ? new PodSpec() : template.getSpec();
    spec(spec, path.child("spec"), extraVolumes, errs);
    if (spec.getEphemeralContainers() != null && !spec.getEphemeralContainers().isEmpty()) {
      errs.forbidden(path.child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template");
    }
  }

  /** {@code ValidatePodSpec}, in Kubernetes' order. */
  static void spec(PodSpec spec, FieldPath path, FieldErrors errs) {
    spec(spec, path, Set.of(), errs);
  }

  private static void spec(PodSpec spec, FieldPath path, Set<String> extraVolumes, FieldErrors errs) {
    Set<String> volumes = volumes(spec.getVolumes(), path.child("volumes"), errs);
    volumes.addAll(extraVolumes);
    Set<String> names = new HashSet<>();
    List<Container> containers = spec.getContainers() == null ? List.of() : spec.getContainers();
    if (containers.isEmpty()) {
      errs.required(path.child("containers"), "");
    }
    for (int i = 0; i < containers.size(); i++) {
      ContainerValidation.validate(containers.get(i), path.child("containers").index(i), names, volumes, errs);
    }
    List<Container> inits = spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
    for (int i = 0; i < inits.size(); i++) {
      ContainerValidation.validate(inits.get(i), path.child("initContainers").index(i), names, volumes, errs);
    }
    enumField(spec.getRestartPolicy(), RESTART_POLICIES, path.child("restartPolicy"), errs);
    enumField(spec.getDnsPolicy(), DNS_POLICIES, path.child("dnsPolicy"), errs);
    if ("None".equals(spec.getDnsPolicy()) && spec.getDnsConfig() == null) {
      errs.required(path.child("dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None");
    }
    MetaValidation.labels(spec.getNodeSelector(), path.child("nodeSelector"), errs);
    nameField(spec.getServiceAccountName(), NameRules::dns1123Subdomain, path.child("serviceAccountName"), errs);
    nameField(spec.getNodeName(), NameRules::dns1123Subdomain, path.child("nodeName"), errs);
    Long deadline = spec.getActiveDeadlineSeconds();
    if (deadline != null && (deadline < 1 || deadline > MAX_INT32)) {
      errs.invalid(path.child("activeDeadlineSeconds"), deadline, NameRules.inclusiveRange(1, MAX_INT32));
    }
    // Kubernetes 1.32 turns a negative grace period into 1 at create (Capstan: DefaultValues) instead
    errs.nonNegative(path.child("terminationGracePeriodSeconds"), spec.getTerminationGracePeriodSeconds());
    nameField(spec.getHostname(), NameRules::dns1123Label, path.child("hostname"), errs);
    nameField(spec.getSubdomain(), NameRules::dns1123Label, path.child("subdomain"), errs);
    tolerations(spec.getTolerations(), path.child("tolerations"), errs);
    nameField(spec.getPriorityClassName(), NameRules::dns1123Subdomain, path.child("priorityClassName"), errs);
  }

  /** {@code ValidateVolumes}: unique DNS-1123-label names, exactly one source each; returns the names. */
  static Set<String> volumes(List<Volume> volumes, FieldPath path, FieldErrors errs) {
    Set<String> names = new HashSet<>();
    if (volumes == null) {
      return names;
    }
    for (int i = 0; i < volumes.size(); i++) {
      Volume v = volumes.get(i);
      FieldPath idx = path.index(i);
      String name = MetaValidation.text(v.getName());
      List<String> sources = sources(v);
      if (sources.isEmpty()) {
        errs.required(idx, "must specify a volume type");
      } else if (sources.size() > 1) {
        errs.forbidden(idx.child(sources.get(1)), "may not specify more than 1 volume type");
      }
      if (name.isEmpty()) {
        errs.required(idx.child("name"), "");
      } else {
        errs.invalidEach(idx.child("name"), name, NameRules.dns1123Label(name));
      }
      if (!name.isEmpty() && !names.add(name)) {
        errs.duplicate(idx.child("name"), name);
      }
    }
    return names;
  }

  /** The volume source fields that are set, read from JSON so that new fabric8 source types count too. */
  private static List<String> sources(Volume v) {
    List<String> out = new ArrayList<>();
    JsonNode tree = KubeJson.mapper().valueToTree(v);
    for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("name") && !tree.get(field).isNull()) {
        out.add(field);
      }
    }
    return out;
  }

  /** {@code ValidateTolerations}. */
  static void tolerations(List<Toleration> tolerations, FieldPath path, FieldErrors errs) {
    if (tolerations == null) {
      return;
    }
    for (int i = 0; i < tolerations.size(); i++) {
      Toleration t = tolerations.get(i);
      FieldPath idx = path.index(i);
      String key = MetaValidation.text(t.getKey());
      String op = MetaValidation.text(t.getOperator());
      String effect = MetaValidation.text(t.getEffect());
      String value = MetaValidation.text(t.getValue());
      if (!key.isEmpty()) {
        errs.invalidEach(idx.child("key"), key, NameRules.qualifiedName(key));
      }
      if (key.isEmpty() && !op.equals("Exists")) {
        errs.invalid(idx.child("operator"), op,
            "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
      }
      if (t.getTolerationSeconds() != null && !effect.equals("NoExecute")) {
        errs.invalid(idx.child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
      }
      switch (op) {
        case "Equal", "" -> {
          List<String> msgs = NameRules.labelValue(value);
          if (!msgs.isEmpty()) {
            errs.invalid(idx.child("operator"), value, String.join(";", msgs));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errs.invalid(idx.child("operator"), t, "value must be empty when `operator` is 'Exists'");
          }
        }
        default -> errs.notSupported(idx.child("operator"), op, List.of("Equal", "Exists"));
      }
      if (!effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
        errs.notSupported(idx.child("effect"), effect, TAINT_EFFECTS);
      }
    }
  }

  /** An enumerated field that Kubernetes defaults: checked only when set (see ContainerValidation). */
  static void enumField(String value, List<String> allowed, FieldPath path, FieldErrors errs) {
    if (value != null && !value.isEmpty() && !allowed.contains(value)) {
      errs.notSupported(path, value, allowed);
    }
  }

  private static void nameField(String value, java.util.function.Function<String, List<String>> rule, FieldPath path,
      FieldErrors errs) {
    if (value != null && !value.isEmpty()) {
      errs.invalidEach(path, value, rule.apply(value));
    }
  }
}
