package io.capstan.runtime.apiserver.resource;

import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Status on create and across writes, per kind, as Kubernetes' strategies do it: a new workload
 * starts with an empty status (its controller fills it), a new pod is Pending, a new namespace is
 * Active with the {@code kubernetes} finalizer; spec writes keep the stored status and status
 * writes keep the stored spec.
 */
final class StatusResets {

  private StatusResets() {}

  static void onCreate(ResourceKind kind, HasMetadata object) {
    if (object instanceof Pod pod) {
      PodStatus status = new PodStatus();
      status.setPhase("Pending");
      status.setQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass());
      pod.setStatus(status);
    } else if (object instanceof Namespace namespace) {
      NamespaceStatus status = new NamespaceStatus();
      status.setPhase("Active");
      namespace.setStatus(status);
      if (namespace.getSpec() == null || namespace.getSpec().getFinalizers() == null || namespace.getSpec().getFinalizers().isEmpty()) {
        namespace.setSpec(new NamespaceSpec(List.of("kubernetes")));
      }
    } else if (KindTraits.hasStatus(kind) && !kind.kind().equals("Node")) {
      setStatus(object, null);
    }
  }

  /** Copies {@code from}'s status into {@code to} (both of one kind). */
  static void copyStatus(HasMetadata from, HasMetadata to) {
    setStatus(to, getStatus(from));
  }

  private static Object getStatus(HasMetadata object) {
    if (object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource generic) {
      return generic.getAdditionalProperties().get("status");
    }
    try {
      Method getter = object.getClass().getMethod("getStatus");
      return getter.invoke(object);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read status of " + object.getKind(), e);
    }
  }

  private static void setStatus(HasMetadata object, Object status) {
    if (object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource generic) {
      if (status == null) {
        generic.getAdditionalProperties().remove("status");
      } else {
        generic.getAdditionalProperties().put("status", status);
      }
      return;
    }
    for (Method method : object.getClass().getMethods()) {
      if (method.getName().equals("setStatus") && method.getParameterCount() == 1) {
        try {
          method.invoke(object, status == null ? null : io.capstan.spi.api.DeepCopy.copyAs(status, method.getParameterTypes()[0]));
          return;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot set status of " + object.getKind(), e);
        }
      }
    }
  }
}
