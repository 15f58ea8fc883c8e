package io.capstan.plugins.admission.limitranger;

import io.capstan.spi.api.CanonicalQuantity;
import io.capstan.spi.api.Quantities;
import io.capstan.spi.api.QuotaUsage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The validating half of {@link LimitRanger}: Kubernetes' {@code minConstraint},
 * {@code maxConstraint}, {@code maxRequestConstraint} and {@code limitRequestRatioConstraint} with
 * their messages, for Container, Pod and PersistentVolumeClaim items. Resources are checked in name
 * order so the message is stable.
 */
final class LimitChecks {

  private LimitChecks() {}

  static List<String> pod(LimitRange range, Pod pod) {
    List<String> errors = new ArrayList<>();
    if (pod.getSpec() == null) {
      return errors;
    }
    for (LimitRangeItem item : LimitDefaults.items(range)) {
      String type = item.getType();
      if ("Container".equals(type)) {
        List<Container> all = new ArrayList<>();
        if (pod.getSpec().getContainers() != null) {
          all.addAll(pod.getSpec().getContainers());
        }
        if (pod.getSpec().getInitContainers() != null) {
          all.addAll(pod.getSpec().getInitContainers());
        }
        for (Container c : all) {
          check(type, item, QuotaUsage.of(c.getResources(), true), QuotaUsage.of(c.getResources(), false), errors);
        }
      } else if ("Pod".equals(type)) {
        check(type, item, sum(pod, true), sum(pod, false), errors);
      }
    }
    return errors;
  }

  static List<String> claim(LimitRange range, PersistentVolumeClaim claim) {
    List<String> errors = new ArrayList<>();
    Map<String, CanonicalQuantity> requests = new TreeMap<>();
    if (claim.getSpec() != null && claim.getSpec().getResources() != null && claim.getSpec().getResources().getRequests() != null) {
      claim.getSpec().getResources().getRequests().forEach((k, v) -> requests.put(k, Quantities.parse(v)));
    }
    for (LimitRangeItem item : LimitDefaults.items(range)) {
      if ("PersistentVolumeClaim".equals(item.getType())) {
        sorted(item.getMin(), (k, v) -> min(item.getType(), k, v, requests, Map.of()).ifPresent(errors::add));
        sorted(item.getMax(), (k, v) -> maxRequest(item.getType(), k, v, requests).ifPresent(errors::add));
      }
    }
    return errors;
  }

  private static void check(String type, LimitRangeItem item, Map<String, CanonicalQuantity> requests,
      Map<String, CanonicalQuantity> limits, List<String> errors) {
    sorted(item.getMin(), (k, v) -> min(type, k, v, requests, limits).ifPresent(errors::add));
    sorted(item.getMax(), (k, v) -> max(type, k, v, requests, limits).ifPresent(errors::add));
    sorted(item.getMaxLimitRequestRatio(), (k, v) -> ratio(type, k, v, requests, limits).ifPresent(errors::add));
  }

  private static java.util.Optional<String> min(String type, String resource, CanonicalQuantity enforced,
      Map<String, CanonicalQuantity> requests, Map<String, CanonicalQuantity> limits) {
    CanonicalQuantity req = requests.get(resource);
    CanonicalQuantity lim = limits.get(resource);
    String head = "minimum " + resource + " usage per " + type + " is " + enforced;
    if (req == null) {
      return java.util.Optional.of(head + ".  No request is specified");
    }
    if (req.compareTo(enforced) < 0) {
      return java.util.Optional.of(head + ", but request is " + req);
    }
    if (lim != null && lim.compareTo(enforced) < 0) {
      return java.util.Optional.of(head + ", but limit is " + lim);
    }
    return java.util.Optional.empty();
  }

  private static java.util.Optional<String> maxRequest(String type, String resource, CanonicalQuantity enforced,
      Map<String, CanonicalQuantity> requests) {
    CanonicalQuantity req = requests.get(resource);
    String head = "maximum " + resource + " usage per " + type + " is " + enforced;
    if (req == null) {
      return java.util.Optional.of(head + ".  No request is specified");
    }
    if (req.compareTo(enforced) > 0) {
      return java.util.Optional.of(head + ", but request is " + req);
    }
    return java.util.Optional.empty();
  }

  private static java.util.Optional<String> max(String type, String resource, CanonicalQuantity enforced,
      Map<String, CanonicalQuantity> requests, Map<String, CanonicalQuantity> limits) {
    CanonicalQuantity req = requests.get(resource);
    CanonicalQuantity lim = limits.get(resource);
    String head = "maximum " + resource + " usage per " + type + " is " + enforced;
    if (lim == null) {
      return java.util.Optional.of(head + ".  No limit is specified");
    }
    if (lim.compareTo(enforced) > 0) {
      return java.util.Optional.of(head + ", but limit is " + lim);
    }
    if (req != null && req.compareTo(enforced) > 0) {
      return java.util.Optional.of(head + ", but request is " + req);
    }
    return java.util.Optional.empty();
  }

  private static java.util.Optional<String> ratio(String type, String resource, CanonicalQuantity enforced,
      Map<String, CanonicalQuantity> requests, Map<String, CanonicalQuantity> limits) {
    CanonicalQuantity req = requests.get(resource);
    CanonicalQuantity lim = limits.get(resource);
    String head = resource + " max limit to request ratio per " + type + " is " + enforced;
    if (req == null || req.isZero()) {
      return java.util.Optional.of(head + ", but no request is specified or request is 0");
    }
    if (lim == null || lim.isZero()) {
      return java.util.Optional.of(head + ", but no limit is specified or limit is 0");
    }
    BigDecimal observed = BigDecimal.valueOf(lim.milliValue()).divide(BigDecimal.valueOf(req.milliValue()), 6, RoundingMode.HALF_EVEN);
    if (observed.compareTo(enforced.amount()) > 0) {
      return java.util.Optional.of(head + ", but provided ratio is " + observed.setScale(6, RoundingMode.HALF_EVEN).toPlainString());
    }
    return java.util.Optional.empty();
  }

  /** A pod's requests or limits: containers summed, raised to the largest init container. */
  private static Map<String, CanonicalQuantity> sum(Pod pod, boolean requests) {
    Map<String, CanonicalQuantity> out = new TreeMap<>();
    if (pod.getSpec().getContainers() != null) {
      pod.getSpec().getContainers().forEach(c -> QuotaUsage.of(c.getResources(), requests)
          .forEach((k, v) -> out.merge(k, v, CanonicalQuantity::add)));
    }
    if (pod.getSpec().getInitContainers() != null) {
      pod.getSpec().getInitContainers().forEach(c -> QuotaUsage.of(c.getResources(), requests)
          .forEach((k, v) -> out.merge(k, v, (a, b) -> a.compareTo(b) >= 0 ? a : b)));
    }
    return out;
  }

  private static void sorted(Map<String, Quantity> values, BiConsumer<String, CanonicalQuantity> action) {
    if (values != null) {
      new TreeMap<>(values).forEach((k, v) -> action.accept(k, Quantities.parse(v)));
    }
  }
}
