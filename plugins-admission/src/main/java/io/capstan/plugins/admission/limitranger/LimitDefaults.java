package io.capstan.plugins.admission.limitranger;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The mutating half of {@link LimitRanger}: default requests and limits from Container items. */
final class LimitDefaults {

  static final String ANNOTATION = "kubernetes.io/limit-ranger";

  private LimitDefaults() {}

  /** Fills what the containers of {@code pod} leave unset from {@code range}; annotates the pod when it did. */
  static void apply(LimitRange range, Pod pod) {
    Map<String, Quantity> requests = new TreeMap<>();
    Map<String, Quantity> limits = new TreeMap<>();
    for (LimitRangeItem item : items(range)) {
      if ("Container".equals(item.getType())) {
        Effective effective = Effective.of(item);
        requests.putAll(effective.defaultRequest());
        limits.putAll(effective.defaultLimit());
      }
    }
    if ((requests.isEmpty() && limits.isEmpty()) || pod.getSpec() == null) {
      return;
    }
    List<String> notes = new ArrayList<>();
    each(pod.getSpec().getInitContainers(), c -> merge(c, requests, limits, "init container", notes));
    each(pod.getSpec().getContainers(), c -> merge(c, requests, limits, "container", notes));
    if (!notes.isEmpty()) {
      if (pod.getMetadata().getAnnotations() == null) {
        pod.getMetadata().setAnnotations(new LinkedHashMap<>());
      }
      pod.getMetadata().getAnnotations().put(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
    }
  }

  private static void merge(Container c, Map<String, Quantity> requests, Map<String, Quantity> limits, String prefix,
      List<String> notes) {
    if (c.getResources() == null) {
      c.setResources(new ResourceRequirements());
    }
    ResourceRequirements r = c.getResources();
    if (r.getLimits() == null) {
      r.setLimits(new LinkedHashMap<>());
    }
    if (r.getRequests() == null) {
      r.setRequests(new LinkedHashMap<>());
    }
    TreeSet<String> setLimits = new TreeSet<>();
    limits.forEach((k, v) -> {
      if (!r.getLimits().containsKey(k)) {
        r.getLimits().put(k, new Quantity(v.getAmount(), v.getFormat()));
        setLimits.add(k);
      }
    });
    TreeSet<String> setRequests = new TreeSet<>();
    requests.forEach((k, v) -> {
      if (!r.getRequests().containsKey(k)) {
        r.getRequests().put(k, new Quantity(v.getAmount(), v.getFormat()));
        setRequests.add(k);
      }
    });
    if (!setRequests.isEmpty()) {
      notes.add(String.join(", ", setRequests) + " request for " + prefix + " " + c.getName());
    }
    if (!setLimits.isEmpty()) {
      notes.add(String.join(", ", setLimits) + " limit for " + prefix + " " + c.getName());
    }
  }

  static List<LimitRangeItem> items(LimitRange range) {
    return range.getSpec() == null || range.getSpec().getLimits() == null ? List.of() : range.getSpec().getLimits();
  }

  private static void each(List<Container> containers, java.util.function.Consumer<Container> action) {
    if (containers != null) {
      containers.forEach(action);
    }
  }

  /**
   * A Container item's defaults after Kubernetes' {@code SetDefaults_LimitRangeItem}: the default
   * limit falls back to max, the default request to the default limit, then to min.
   */
  record Effective(Map<String, Quantity> defaultRequest, Map<String, Quantity> defaultLimit) {
    static Effective of(LimitRangeItem item) {
      Map<String, Quantity> limit = new TreeMap<>(orEmpty(item.getDefault()));
      orEmpty(item.getMax()).forEach(limit::putIfAbsent);
      Map<String, Quantity> request = new TreeMap<>(orEmpty(item.getDefaultRequest()));
      limit.forEach(request::putIfAbsent);
      orEmpty(item.getMin()).forEach(request::putIfAbsent);
      return new Effective(request, limit);
    }

    private static Map<String, Quantity> orEmpty(Map<String, Quantity> map) {
      return map == null ? Map.of() : map;
    }
  }
}
