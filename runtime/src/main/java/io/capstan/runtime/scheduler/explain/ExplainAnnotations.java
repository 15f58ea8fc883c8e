package io.capstan.runtime.scheduler.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod annotations that explain a decision, and their JSON. At most {@link #MAX_NODES} nodes are
 * written per annotation (the selected node and the best-scored first, then failed nodes by name)
 * so the annotations stay far below Kubernetes' 256 KiB limit on large clusters.
 */
public final class ExplainAnnotations {

  public static final String FILTER_RESULT = "capstan.io/filter-result";
  public static final String SCORE_RESULT = "capstan.io/score-result";
  public static final String FINAL_SCORE_RESULT = "capstan.io/finalscore-result";
  public static final String SELECTED_NODE = "capstan.io/selected-node";
  public static final int MAX_NODES = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExplainAnnotations() {}

  /** The annotations for a record; {@code selected-node} only when a node was chosen. */
  public static Map<String, String> of(ExplainRecord r) {
    Map<String, Long> totals = new TreeMap<>();
    r.finalScoreResults().forEach((node, m) -> totals.put(node, m.values().stream().mapToLong(Long::longValue).sum()));
    Comparator<String> rank = Comparator.<String, Boolean>comparing(n -> !r.selectedNode().map(n::equals).orElse(false))
        .thenComparing(n -> -totals.getOrDefault(n, -1L))
        .thenComparing(n -> n);
    List<String> nodes = r.filterResults().keySet().stream().sorted(rank).limit(MAX_NODES).toList();
    Map<String, Object> filter = new LinkedHashMap<>();
    Map<String, Object> score = new LinkedHashMap<>();
    Map<String, Object> fin = new LinkedHashMap<>();
    for (String n : nodes) {
      filter.put(n, new TreeMap<>(r.filterResults().get(n)));
      if (r.scoreResults().containsKey(n)) {
        score.put(n, new TreeMap<>(r.scoreResults().get(n)));
        fin.put(n, new TreeMap<>(r.finalScoreResults().get(n)));
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put(FILTER_RESULT, json(filter));
    out.put(SCORE_RESULT, json(score));
    out.put(FINAL_SCORE_RESULT, json(fin));
    r.selectedNode().ifPresent(n -> out.put(SELECTED_NODE, n));
    return out;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
