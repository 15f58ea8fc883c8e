package io.capstan.plugins.scheduler.podtopologyspread;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.spi.api.LabelRequirement;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' {@code helper.DefaultSelector}: the selector of the pod's "group" for default spread
 * constraints, the AND of the selectors of the Services selecting it and of its controlling
 * ReplicationController, ReplicaSet or StatefulSet. Without host listers it is empty.
 */
final class DefaultSelector {

  private DefaultSelector() {}

  static LabelSelectorSpec of(Pod pod, FrameworkHandle handle) {
    List<LabelRequirement> reqs = new ArrayList<>();
    String ns = Pods.namespace(pod);
    Map<String, String> labels = Pods.labels(pod);
    for (Service s : list(handle, Service.class, ns)) {
      Map<String, String> sel = s.getSpec() == null ? null : s.getSpec().getSelector();
      if (sel != null && !sel.isEmpty() && LabelSelectorSpec.matchingLabels(sel).matches(labels)) {
        sel.forEach((k, v) -> reqs.add(LabelRequirement.equalTo(k, v)));
      }
    }
    Optional<OwnerReference> owner = OwnerReferences.controllerOf(pod);
    if (owner.isPresent()) {
      OwnerReference o = owner.get();
      String group = o.getApiVersion() == null || !o.getApiVersion().contains("/") ? ""
          : o.getApiVersion().substring(0, o.getApiVersion().indexOf('/'));
      if (group.isEmpty() && "ReplicationController".equals(o.getKind())) {
        named(list(handle, ReplicationController.class, ns), o.getName()).ifPresent(rc -> {
          Map<String, String> sel = rc.getSpec() == null ? null : rc.getSpec().getSelector();
          if (sel != null) {
            sel.forEach((k, v) -> reqs.add(LabelRequirement.equalTo(k, v)));
          }
        });
      } else if (group.equals("apps") && "ReplicaSet".equals(o.getKind())) {
        named(list(handle, ReplicaSet.class, ns), o.getName()).ifPresent(rs ->
            reqs.addAll(LabelSelectorSpec.fromFabric8(rs.getSpec().getSelector()).requirements()));
      } else if (group.equals("apps") && "StatefulSet".equals(o.getKind())) {
        named(list(handle, StatefulSet.class, ns), o.getName()).ifPresent(ss ->
            reqs.addAll(LabelSelectorSpec.fromFabric8(ss.getSpec().getSelector()).requirements()));
      }
    }
    return LabelSelectorSpec.of(reqs);
  }

  private static <T extends HasMetadata> List<T> list(FrameworkHandle h, Class<T> type, String ns) {
    try {
      return h.listObjects(type, Optional.of(ns));
    } catch (UnsupportedOperationException e) {
      return List.of();
    }
  }

  private static <T extends HasMetadata> Optional<T> named(List<T> objects, String name) {
    return objects.stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }
}
