package io.capstan.plugins.admission.noderestriction;

import static io.capstan.plugins.admission.noderestriction.NodeRestriction.forbid;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/** The pods a node may create: mirror pods bound to itself that reference no other API object. */
final class MirrorPods {

  private MirrorPods() {}

  static void check(String me, Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(NodeRestriction.MIRROR_ANNOTATION)) {
      throw forbid("pod does not have \"" + NodeRestriction.MIRROR_ANNOTATION + "\" annotation, node \"" + me
          + "\" can only create mirror pods");
    }
    if (!me.equals(NodeRestriction.nodeName(pod))) {
      throw forbid("node \"" + me + "\" can only create pods with spec.nodeName set to itself");
    }
    var spec = pod.getSpec();
    if (spec.getServiceAccountName() != null && !spec.getServiceAccountName().isEmpty()) {
      throw forbid("node \"" + me + "\" can not create pods that reference a service account");
    }
    List<Volume> volumes = spec.getVolumes() == null ? List.of() : spec.getVolumes();
    List<Container> containers = new ArrayList<>();
    if (spec.getContainers() != null) {
      containers.addAll(spec.getContainers());
    }
    if (spec.getInitContainers() != null) {
      containers.addAll(spec.getInitContainers());
    }
    boolean secrets = (spec.getImagePullSecrets() != null && !spec.getImagePullSecrets().isEmpty())
        || volumes.stream().anyMatch(v -> v.getSecret() != null)
        || containers.stream().anyMatch(c -> env(c).anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
            || envFrom(c).anyMatch(e -> e.getSecretRef() != null));
    if (secrets) {
      throw forbid("node \"" + me + "\" can not create pods that reference secrets");
    }
    boolean configMaps = volumes.stream().anyMatch(v -> v.getConfigMap() != null)
        || containers.stream().anyMatch(c -> env(c).anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null)
            || envFrom(c).anyMatch(e -> e.getConfigMapRef() != null));
    if (configMaps) {
      throw forbid("node \"" + me + "\" can not create pods that reference configmaps");
    }
    if (volumes.stream().anyMatch(v -> v.getPersistentVolumeClaim() != null)) {
      throw forbid("node \"" + me + "\" can not create pods that reference persistentvolumeclaims");
    }
  }

  private static java.util.stream.Stream<EnvVar> env(Container c) {
    return c.getEnv() == null ? java.util.stream.Stream.empty() : c.getEnv().stream();
  }

  private static java.util.stream.Stream<EnvFromSource> envFrom(Container c) {
    return c.getEnvFrom() == null ? java.util.stream.Stream.empty() : c.getEnvFrom().stream();
  }
}
