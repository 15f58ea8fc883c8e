package io.capstan.runtime.scheduler.framework;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A profile's Filter plugins run on one node, in order, with the plugins a cycle skips worked out once per cycle. */
final class FilterChain {

  private final FilterPlugin[] filters;

  FilterChain(FilterPlugin[] filters) {
    this.filters = filters;
  }

  /**
   * Runs the filters on one node in order, stopping at the first non-success. Thread-safe. Not
   * timed per node (the caller times the whole Filter phase).
   *
   * @param verdicts if non-null, receives plugin → {@code "passed"} or the reason
   */
  Status run(CycleState state, Pod pod, NodeInfo node, Map<String, String> verdicts) {
    for (FilterPlugin p : activeFilters(state)) {
      Status s;
      try {
        s = requireNonNull(p.filter(state, pod, node), "filter status");
      } catch (RuntimeException e) {
        s = Status.error(e);
      }
      if (!s.isSuccess()) {
        if (!s.isRejected() && !s.isError()) {
          s = Status.error("Filter returned " + s.code() + ", which it may not");
        }
        s = s.withPlugin(p.name());
        if (verdicts != null) {
          verdicts.put(p.name(), s.message());
        }
        return s;
      }
      if (verdicts != null) {
        verdicts.put(p.name(), "passed");
      }
    }
    return Status.success();
  }

  /** {@link #run}' verdict without the attributed status of a rejection, for callers that need feasibility only. */
  boolean passes(CycleState state, Pod pod, NodeInfo node) {
    for (FilterPlugin p : activeFilters(state)) {
      try {
        Status s = p.filter(state, pod, node);
        if (s == null || !s.isSuccess()) {
          return false;
        }
      } catch (RuntimeException e) {
        return false;
      }
    }
    return true;
  }

  /** The filters a cycle runs (those whose PreFilter did not SKIP), worked out once per cycle, not per node. */
  private FilterPlugin[] activeFilters(CycleState state) {
    Set<String> skip = state.skipFilterPlugins();
    if (skip.isEmpty()) {
      return filters;
    }
    ActiveFilters last = lastActive;
    int size = skip.size();
    if (last != null && last.state == state && last.skipped == size) {
      return last.filters;
    }
    List<FilterPlugin> active = new ArrayList<>(filters.length);
    for (FilterPlugin p : filters) {
      if (!skip.contains(p.name())) {
        active.add(p);
      }
    }
    ActiveFilters computed = new ActiveFilters(state, size, active.toArray(new FilterPlugin[0]));
    lastActive = computed;
    return computed.filters;
  }

  /** The active filters of one cycle's state; the skip set only grows, in PreFilter, so its size tells a change. */
  private record ActiveFilters(CycleState state, int skipped, FilterPlugin[] filters) {}

  private volatile ActiveFilters lastActive;
}
