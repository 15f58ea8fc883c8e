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
 * starts with an empty status (its controller fills it), a new pod is Pending (with a
 * {@code PodScheduled=False/SchedulingGated} condition while it has scheduling gates), a new namespace is
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
      if (pod.getSpec() != null && pod.getSpec().getSchedulingGates() != null
          && !pod.getSpec().getSchedulingGates().isEmpty()) {
        // Kubernetes' applySchedulingGatedCondition: kubectl shows such a pod as SchedulingGated
        status.setConditions(new java.util.ArrayList<>(List.of(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
            .withType("PodScheduled").withStatus("False").withReason("SchedulingGated")
            .withMessage("Scheduling is blocked due to non-empty scheduling gates").build())));
      }
      pod.setStatus(status);
    } else if (object instanceof Namespace namespace) {
      NamespaceStatus status = new NamespaceStatus();
      status.setPhase("Active");
      namespace.setStatus(status);
      if (namespace.getSpec() == null || namespace.getSpec().getFinalizers() == null || namespace.getSpec().getFinalizers().isEmpty()) {
        namespace.setSpec(new NamespaceSpec(List.of("kubernetes")));
      }
    } else if (KindTraits.hasStatus(kind) && !kind.kind().equals("Node")) {
      setStatus(object, null, true);
    }
  }

  /** Copies {@code from}'s status into {@code to} (both of one kind). */
  static void copyStatus(HasMetadata from, HasMetadata to) {
    setStatus(to, status(from), false);
  }

  /** The object's status, or null (the object's own, not a copy). */
  static Object status(HasMetadata object) {
    if (object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource generic) {
      return generic.getAdditionalProperties().get("status");
    }
    if (object instanceof Pod pod) {
      return pod.getStatus();
    }
    Accessors a = ACCESSORS.get(object.getClass());
    if (a.getter == null) {
      return null;
    }
    try {
      return a.getter.invoke(object);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read status of " + object.getKind(), e);
    }
  }

  /**
   * Sets the object's status to {@code status}, or to a deep copy of it unless {@code share}; a
   * shared status must belong to nobody else that will change it.
   */
  static void setStatus(HasMetadata object, Object status, boolean share) {
    if (object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource generic) {
      if (status == null) {
        generic.getAdditionalProperties().remove("status");
      } else {
        generic.getAdditionalProperties().put("status", status);
      }
      return;
    }
    Accessors a = ACCESSORS.get(object.getClass());
    if (a.setter == null) {
      return;
    }
    Class<?> type = a.setter.getParameterTypes()[0];
    Object value = status == null ? null
        : share && type.isInstance(status) ? status : io.capstan.spi.api.DeepCopy.copyAs(status, type);
    if (object instanceof Pod pod) {
      pod.setStatus((PodStatus) value);
      return;
    }
    try {
      a.setter.invoke(object, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot set status of " + object.getKind(), e);
    }
  }

  /** A kind's status getter and setter, looked up once per class. */
  private record Accessors(Method getter, Method setter) {}

  private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
    @Override
    protected Accessors computeValue(Class<?> type) {
      Method getter = null;
      Method setter = null;
      try {
        getter = type.getMethod("getStatus");
      } catch (NoSuchMethodException e) {
        // a kind without status
      }
      for (Method method : type.getMethods()) {
        if (method.getName().equals("setStatus") && method.getParameterCount() == 1) {
          setter = method;
          break;
        }
      }
      return new Accessors(getter, setter);
    }
  };
}
