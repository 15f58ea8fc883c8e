package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An amount of node resources, as Kubernetes' scheduler {@code framework.Resource}: what a node
 * offers (allocatable) or what pods ask for (requested). Immutable; arithmetic returns new values.
 *
 * @param milliCpu CPU in thousandths of a core ({@code 500m} = 500)
 * @param memory bytes
 * @param ephemeralStorage bytes
 * @param allowedPodNumber the {@code pods} resource: how many pods fit
 * @param scalarResources every other resource by name (extended resources such as {@code
 *     nvidia.com/gpu}, {@code hugepages-2Mi}), in integer units; absent means 0
 */
public record Resource(long milliCpu, long memory, long ephemeralStorage, long allowedPodNumber,
    Map<String, Long> scalarResources) {

  public static final Resource ZERO = new Resource(0, 0, 0, 0, Map.of());

  public Resource {
    requireNonNull(scalarResources, "scalarResources");
    requireNonNegative("cpu", milliCpu);
    requireNonNegative("memory", memory);
    requireNonNegative("ephemeral-storage", ephemeralStorage);
    requireNonNegative("pods", allowedPodNumber);
    TreeMap<String, Long> sorted = new TreeMap<>();
    scalarResources.forEach((name, amount) -> {
      requireNonNegative(requireNonNull(name, "name"), requireNonNull(amount, name));
      if (amount != 0) {
        sorted.put(name, amount);
      }
    });
    // Sorted and zero-free, so equal amounts are equal records and toString is deterministic; held
    // in a hash map (in that order) because filters look scalars up on every node for every pod.
    scalarResources = sorted.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
  }

  /** Only CPU and memory, the common case in tests and simulations. */
  public static Resource of(long milliCpu, long memory) {
    return new Resource(milliCpu, memory, 0, 0, Map.of());
  }

  /**
   * Converts a Kubernetes resource list ({@code requests}, {@code allocatable}): {@code cpu} to
   * millicores, {@code memory} and {@code ephemeral-storage} to bytes, {@code pods} to a count,
   * everything else to a scalar. Fractions round up, as Kubernetes' {@code MilliValue()} and
   * {@code Value()} do.
   */
  public static Resource fromResourceList(Map<String, Quantity> list) {
    requireNonNull(list, "list");
    long cpu = 0;
    long memory = 0;
    long storage = 0;
    long pods = 0;
    Map<String, Long> scalars = new TreeMap<>();
    for (Map.Entry<String, Quantity> e : list.entrySet()) {
      BigDecimal amount = amount(requireNonNull(e.getValue(), e.getKey()));
      switch (e.getKey()) {
        case "cpu" -> cpu = ceil(amount.movePointRight(3));
        case "memory" -> memory = ceil(amount);
        case "ephemeral-storage" -> storage = ceil(amount);
        case "pods" -> pods = ceil(amount);
        default -> scalars.put(e.getKey(), ceil(amount));
      }
    }
    return new Resource(cpu, memory, storage, pods, scalars);
  }

  /** Parsed quantities by text: a cluster uses few distinct ones ("100m", "500Mi"), and parsing one costs microseconds. */
  private static final ConcurrentHashMap<String, BigDecimal> PARSED = new ConcurrentHashMap<>();
  private static final int MAX_PARSED = 4096;

  private static BigDecimal amount(Quantity q) {
    String key = q.getFormat() == null ? q.getAmount() : q.getAmount() + '\u0000' + q.getFormat();
    if (key == null) {
      return Quantity.getAmountInBytes(q);
    }
    BigDecimal cached = PARSED.get(key);
    if (cached == null) {
      cached = Quantity.getAmountInBytes(q);
      if (PARSED.size() >= MAX_PARSED) {
        PARSED.clear(); // unbounded distinct amounts (generated workloads): keep memory flat, not clever
      }
      PARSED.put(key, cached);
    }
    return cached;
  }

  /** A scalar resource's amount, 0 if absent. */
  public long scalar(String name) {
    // one lookup: getOrDefault on the sorted map walks the tree twice for an absent name (get, then containsKey)
    Long amount = scalarResources.get(requireNonNull(name, "name"));
    return amount == null ? 0L : amount;
  }

  /** The sum, field by field; scalars are summed by name. */
  public Resource plus(Resource other) {
    requireNonNull(other, "other");
    Map<String, Long> scalars = new TreeMap<>(scalarResources);
    other.scalarResources.forEach((k, v) -> scalars.merge(k, v, Math::addExact));
    return new Resource(Math.addExact(milliCpu, other.milliCpu),
        Math.addExact(memory, other.memory),
        Math.addExact(ephemeralStorage, other.ephemeralStorage),
        Math.addExact(allowedPodNumber, other.allowedPodNumber), scalars);
  }

  /**
   * The difference, field by field (removing a pod's request from a node's requested total).
   *
   * @throws IllegalArgumentException if any field would go negative: subtracting more than was
   *     added is a bookkeeping bug, reported rather than hidden
   */
  public Resource minus(Resource other) {
    requireNonNull(other, "other");
    Map<String, Long> scalars = new TreeMap<>(scalarResources);
    other.scalarResources.forEach((k, v) -> scalars.merge(k, -v, Long::sum));
    return new Resource(milliCpu - other.milliCpu, memory - other.memory,
        ephemeralStorage - other.ephemeralStorage, allowedPodNumber - other.allowedPodNumber,
        scalars);
  }

  /** True when every field is 0. */
  public boolean isZero() {
    return equals(ZERO);
  }

  private static long ceil(BigDecimal amount) {
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  private static void requireNonNegative(String name, long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + amount);
    }
  }
}
