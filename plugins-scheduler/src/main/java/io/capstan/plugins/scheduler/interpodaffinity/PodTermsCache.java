package io.capstan.plugins.scheduler.interpodaffinity;

import io.capstan.plugins.scheduler.interpodaffinity.AffinityTerm.PodTerms;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed affinity terms of existing pods, keyed by uid and resourceVersion, so a cycle does not
 * re-parse every pod with affinity (Kubernetes keeps them in its PodInfo). Bounded: cleared when it
 * grows past {@value #MAX_ENTRIES} entries (deleted pods are never looked up again).
 */
final class PodTermsCache {

  static final int MAX_ENTRIES = 100_000;

  private final Map<String, PodTerms> cache = new ConcurrentHashMap<>();

  PodTerms get(Pod pod) {
    var meta = pod.getMetadata();
    if (meta == null || meta.getUid() == null || meta.getResourceVersion() == null) {
      return PodTerms.of(pod);
    }
    String key = meta.getUid() + "/" + meta.getResourceVersion();
    PodTerms terms = cache.get(key);
    if (terms == null) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      terms = PodTerms.of(pod);
      cache.put(key, terms);
    }
    return terms;
  }
}
