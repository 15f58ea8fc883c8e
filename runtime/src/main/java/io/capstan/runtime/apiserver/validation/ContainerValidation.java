package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules for one container: Kubernetes' {@code validateContainerCommon}, {@code validateContainerPorts},
 * {@code ValidateEnv} and {@code ValidateVolumeMounts} (pkg/apis/core/validation/validation.go).
 *
 * <p>Fields Kubernetes always defaults before validating ({@code imagePullPolicy},
 * {@code terminationMessagePolicy}, a port's {@code protocol}) are only checked when set: in Capstan
 * defaulting is the {@code DefaultValues} admission plugin, which a tailored control plane may leave
 * out, and a missing default is not the user's mistake.
 */
final class ContainerValidation {

  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  private ContainerValidation() {}

  /**
   * One container of {@code spec.containers} or {@code spec.initContainers}.
   *
   * @param names the names seen so far across all container lists, to report duplicates
   * @param volumes the pod's volume names, which mounts must name
   */
  static void validate(Container c, FieldPath path, Set<String> names, Set<String> volumes, FieldErrors errs) {
    String name = MetaValidation.text(c.getName());
    FieldPath namePath = path.child("name");
    if (name.isEmpty()) {
      errs.required(namePath, "");
    } else {
      errs.invalidEach(namePath, name, NameRules.dns1123Label(name));
    }
    if (!name.isEmpty() && !names.add(name)) {
      errs.duplicate(namePath, name);
    }
    // kept although whitespace is not otherwise checked here: " " is a special token in some templates
    if (MetaValidation.text(c.getImage()).isEmpty()) {
      errs.required(path.child("image"), "");
    }
    ports(c.getPorts(), path.child("ports"), errs);
    env(c.getEnv(), path.child("env"), errs);
    mounts(c.getVolumeMounts(), volumes, path.child("volumeMounts"), errs);
    ResourceValidation.requirements(c.getResources(), path.child("resources"), errs);
    String pull = MetaValidation.text(c.getImagePullPolicy());
    if (!pull.isEmpty() && !List.of("Always", "IfNotPresent", "Never").contains(pull)) {
      errs.notSupported(path.child("imagePullPolicy"), pull, List.of("Always", "IfNotPresent", "Never"));
    }
    String tmp = MetaValidation.text(c.getTerminationMessagePolicy());
    if (!tmp.isEmpty() && !List.of("File", "FallbackToLogsOnError").contains(tmp)) {
      errs.notSupported(path.child("terminationMessagePolicy"), tmp, List.of("File", "FallbackToLogsOnError"));
    }
  }

  static void ports(List<ContainerPort> ports, FieldPath path, FieldErrors errs) {
    if (ports == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ContainerPort p = ports.get(i);
      FieldPath idx = path.index(i);
      String name = MetaValidation.text(p.getName());
      if (!name.isEmpty()) {
        List<String> msgs = NameRules.portName(name);
        if (!msgs.isEmpty()) {
          errs.invalidEach(idx.child("name"), name, msgs);
        } else if (!names.add(name)) {
          errs.duplicate(idx.child("name"), name);
        }
      }
      int containerPort = p.getContainerPort() == null ? 0 : p.getContainerPort();
      if (containerPort == 0) {
        errs.required(idx.child("containerPort"), "");
      } else {
        errs.invalidEach(idx.child("containerPort"), containerPort, NameRules.portNumber(containerPort));
      }
      if (p.getHostPort() != null && p.getHostPort() != 0) {
        errs.invalidEach(idx.child("hostPort"), p.getHostPort(), NameRules.portNumber(p.getHostPort()));
      }
      String protocol = MetaValidation.text(p.getProtocol());
      if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol)) {
        errs.notSupported(idx.child("protocol"), protocol, PROTOCOLS);
      }
    }
  }

  static void env(List<EnvVar> vars, FieldPath path, FieldErrors errs) {
    if (vars == null) {
      return;
    }
    for (int i = 0; i < vars.size(); i++) {
      EnvVar ev = vars.get(i);
      FieldPath idx = path.index(i);
      String name = MetaValidation.text(ev.getName());
      if (name.isEmpty()) {
        errs.required(idx.child("name"), "");
      } else {
        errs.invalidEach(idx.child("name"), name, NameRules.envVarName(name));
      }
      valueFrom(ev, idx.child("valueFrom"), errs);
    }
  }

  /** {@code validateEnvVarValueFrom}: exactly one source, and not together with {@code value}. */
  private static void valueFrom(EnvVar ev, FieldPath path, FieldErrors errs) {
    EnvVarSource from = ev.getValueFrom();
    if (from == null) {
      return;
    }
    int sources = (from.getFieldRef() != null ? 1 : 0) + (from.getResourceFieldRef() != null ? 1 : 0)
        + (from.getConfigMapKeyRef() != null ? 1 : 0) + (from.getSecretKeyRef() != null ? 1 : 0);
    if (sources == 0) {
      errs.invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
    } else if (sources > 1) {
      errs.invalid(path, "", "may not have more than one field specified at a time");
    }
    if (!MetaValidation.text(ev.getValue()).isEmpty()) {
      errs.invalid(path, "", "may not be specified when `value` is not empty");
    }
  }

  static void mounts(List<VolumeMount> mounts, Set<String> volumes, FieldPath path, FieldErrors errs) {
    if (mounts == null) {
      return;
    }
    Set<String> mountPoints = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      VolumeMount m = mounts.get(i);
      FieldPath idx = path.index(i);
      String name = MetaValidation.text(m.getName());
      if (name.isEmpty()) {
        errs.required(idx.child("name"), "");
      }
      if (!volumes.contains(name)) {
        errs.notFound(idx.child("name"), name);
      }
      String mountPath = MetaValidation.text(m.getMountPath());
      if (mountPath.isEmpty()) {
        errs.required(idx.child("mountPath"), "");
      }
      if (!mountPoints.add(mountPath)) {
        errs.invalid(idx.child("mountPath"), mountPath, "must be unique");
      }
      String subPath = MetaValidation.text(m.getSubPath());
      if (!subPath.isEmpty()) {
        localDescendingPath(subPath, path.child("subPath"), errs);
      }
    }
  }

  /** {@code validateLocalDescendingPath}: relative, without {@code ..} elements. */
  private static void localDescendingPath(String target, FieldPath path, FieldErrors errs) {
    if (target.startsWith("/")) {
      errs.invalid(path, target, "must be a relative path");
    }
    for (String part : target.split("/", -1)) {
      if (part.equals("..")) {
        errs.invalid(path, target, "must not contain '..'");
        break;
      }
    }
  }
}
