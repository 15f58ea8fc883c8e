package io.capstan.plugins.admission.serviceaccount;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Kubernetes' projected ServiceAccount token volume ({@code kube-api-access-<5 chars>}): a token
 * for the pod's ServiceAccount (3607 s, refreshed by the node), the cluster CA from the
 * {@code kube-root-ca.crt} config map and the pod's namespace, mounted read-only at
 * {@code /var/run/secrets/kubernetes.io/serviceaccount} in every container that mounts nothing
 * there. Idempotent: a pod that already has such a volume keeps it.
 */
final class TokenVolume {

  static final String PREFIX = "kube-api-access-";
  static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  /** Kubernetes' {@code utilrand} alphabet: no vowels, no look-alikes. */
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private TokenVolume() {}

  static void mount(PodSpec spec) {
    List<Volume> volumes = spec.getVolumes() == null ? new ArrayList<>() : new ArrayList<>(spec.getVolumes());
    String name = volumes.stream().map(Volume::getName).filter(n -> n != null && n.startsWith(PREFIX)).findFirst().orElse(null);
    if (name == null) {
      name = PREFIX + suffix();
      volumes.add(volume(name));
      spec.setVolumes(volumes);
    }
    mountIn(spec.getInitContainers(), name);
    mountIn(spec.getContainers(), name);
  }

  private static void mountIn(List<Container> containers, String volume) {
    if (containers == null) {
      return;
    }
    for (Container c : containers) {
      boolean mounted = c.getVolumeMounts() != null && c.getVolumeMounts().stream().anyMatch(m -> MOUNT_PATH.equals(m.getMountPath()));
      if (!mounted) {
        List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = c.getVolumeMounts() == null ? new ArrayList<>() : new ArrayList<>(c.getVolumeMounts());
        mounts.add(new VolumeMountBuilder().withName(volume).withReadOnly(true).withMountPath(MOUNT_PATH).build());
        c.setVolumeMounts(mounts);
      }
    }
  }

  private static Volume volume(String name) {
    return new VolumeBuilder().withName(name).withNewProjected().withDefaultMode(420)
        .addNewSource().withNewServiceAccountToken().withExpirationSeconds(3607L).withPath("token").endServiceAccountToken().endSource()
        .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem().withKey("ca.crt").withPath("ca.crt").endItem()
        .endConfigMap().endSource()
        .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef("v1", "metadata.namespace").endItem()
        .endDownwardAPI().endSource()
        .endProjected().build();
  }

  private static String suffix() {
    StringBuilder out = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      out.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
