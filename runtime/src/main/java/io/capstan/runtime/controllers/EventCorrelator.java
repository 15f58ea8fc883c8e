package io.capstan.runtime.controllers;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * client-go's event correlator ({@code tools/record/events_cache.go}) without its spam filter:
 *
 * <ul>
 *   <li><em>Aggregation:</em> events about one object with the same source, type and reason but
 *       different messages are counted in a 10-minute window; from the 10th distinct message on,
 *       they are recorded as one event whose message starts with
 *       {@code (combined from similar events): }.
 *   <li><em>Deduplication:</em> an event equal to an earlier one (same object, type, reason and
 *       message) increments that event's {@code count} and moves its {@code lastTimestamp} instead
 *       of creating another Event.
 * </ul>
 *
 * <p>Both caches are LRU-bounded (4096 keys, client-go's {@code maxLruCacheEntries}). Not
 * thread-safe: the recorder calls it under its own lock.
 */
final class EventCorrelator {

  static final int MAX_SIMILAR = 10;
  static final Duration AGGREGATE_WINDOW = Duration.ofMinutes(10);
  static final String COMBINED_PREFIX = "(combined from similar events): ";
  private static final int MAX_ENTRIES = 4096;

  /** The identity of one event about one object. */
  record Key(String objectUid, String objectKey, String type, String reason, String message) {}

  /** What to record: the dedup key and the message to write. */
  record Decision(Key key, String message) {}

  private record Similar(Set<String> messages, Instant firstSeen) {}

  private final Map<String, Similar> similar = lru();

  Decision correlate(String objectUid, String objectKey, String type, String reason, String message,
      Instant now) {
    requireNonNull(message, "message");
    String aggregateKey = objectUid + "/" + objectKey + "/" + type + "/" + reason;
    Similar seen = similar.get(aggregateKey);
    if (seen == null || Duration.between(seen.firstSeen(), now).compareTo(AGGREGATE_WINDOW) > 0) {
      seen = new Similar(new HashSet<>(), now);
      similar.put(aggregateKey, seen);
    }
    seen.messages().add(message);
    if (seen.messages().size() >= MAX_SIMILAR) {
      // one event for all of them, with the key of the aggregate (client-go keys it without message)
      return new Decision(new Key(objectUid, objectKey, type, reason, ""), COMBINED_PREFIX + message);
    }
    return new Decision(new Key(objectUid, objectKey, type, reason, message), message);
  }

  static <K, V> Map<K, V> lru() {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > MAX_ENTRIES;
      }
    };
  }
}
