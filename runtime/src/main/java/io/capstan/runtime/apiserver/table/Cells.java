package io.capstan.runtime.apiserver.table;

import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.Quantities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Cell formatting shared by Kubernetes' printers, each named after the Go function it mirrors.
 * Stateless.
 */
final class Cells {

  private Cells() {}

  /** {@code labels.FormatLabels}: {@code k=v} sorted by key, comma-joined; {@code <none>} when empty. */
  static String formatLabels(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return "<none>";
    }
    return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /** {@code metav1.FormatLabelSelector}: the selector's text, {@code <none>} when it selects everything or nothing. */
  static String formatLabelSelector(LabelSelector selector) {
    try {
      String text = LabelSelectorSpec.fromFabric8(selector).toString();
      return text.isEmpty() ? "<none>" : text;
    } catch (IllegalArgumentException e) {
      return "<error>";
    }
  }

  /** {@code LabelSelectorAsSelector(s).String()}, as deployments print it: empty, not {@code <none>}. */
  static String selectorString(LabelSelector selector) {
    try {
      return LabelSelectorSpec.fromFabric8(selector).toString();
    } catch (IllegalArgumentException e) {
      return "<invalid>";
    }
  }

  /** {@code layoutContainerCells}: container names and images, comma-joined. */
  static String[] containersAndImages(List<Container> containers) {
    List<Container> list = containers == null ? List.of() : containers;
    return new String[] {
      list.stream().map(c -> str(c.getName())).collect(Collectors.joining(",")),
      list.stream().map(c -> str(c.getImage())).collect(Collectors.joining(","))};
  }

  /** {@code Quantity.String()}: the canonical text, {@code 0} for a missing quantity. */
  static String quantity(Quantity q) {
    if (q == null || q.getAmount() == null) {
      return "0";
    }
    String text = q.getAmount() + (q.getFormat() == null ? "" : q.getFormat());
    try {
      return Quantities.canonical(text);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /** {@code IntOrString.String()}. */
  static String intOrString(IntOrString value) {
    if (value.getIntVal() != null) {
      return Integer.toString(value.getIntVal());
    }
    return value.getStrVal() != null ? value.getStrVal() : String.valueOf(value.getValue());
  }

  /** Go's zero value for a missing string. */
  static String str(String s) {
    return s == null ? "" : s;
  }

  /** Go's zero value for a missing integer, as the {@code int64} cell Kubernetes writes. */
  static long num(Integer i) {
    return i == null ? 0L : i.longValue();
  }

  /** The list, or an empty one for null. */
  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** The map, or an empty one for null. */
  static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}
