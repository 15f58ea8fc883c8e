package io.capstan.runtime.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A pod's effective requests as the kubelet's admission computes them: the larger of the sum over
 * app containers and the largest init container, per resource.
 */
final class PodRequests {

  private PodRequests() {}

  static long cpuMillis(Pod pod) {
    return effective(pod, "cpu", new BigDecimal(1000));
  }

  static long memoryBytes(Pod pod) {
    return effective(pod, "memory", BigDecimal.ONE);
  }

  private static long effective(Pod pod, String resource, BigDecimal scale) {
    long sum = 0;
    for (Container c : list(pod.getSpec().getContainers())) {
      sum += request(c, resource, scale);
    }
    long maxInit = 0;
    for (Container c : list(pod.getSpec().getInitContainers())) {
      maxInit = Math.max(maxInit, request(c, resource, scale));
    }
    return Math.max(sum, maxInit);
  }

  private static long request(Container c, String resource, BigDecimal scale) {
    if (c.getResources() == null) {
      return 0;
    }
    Quantity q = get(c.getResources().getRequests(), resource);
    if (q == null) {
      q = get(c.getResources().getLimits(), resource); // requests default to limits
    }
    return q == null ? 0 : q.getNumericalAmount().multiply(scale).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
  }

  private static Quantity get(Map<String, Quantity> map, String key) {
    return map == null ? null : map.get(key);
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }

  static long quantityMillis(Quantity q) {
    return q.getNumericalAmount().multiply(new BigDecimal(1000)).longValue();
  }

  static long quantityUnits(Quantity q) {
    return q.getNumericalAmount().longValue();
  }
}
