package io.capstan.plugins.store.mvcc;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events of one committed revision, as watchers receive them, in the order the transaction
 * made them.
 *
 * @param events the events without {@code prevKv}, since most watches do not ask for it
 * @param prevKvs the entry each event replaced, when it was live; kept beside the events so that a
 *     watch asking for {@code prevKv} still gets it after the replaced version left the index
 */
record LoggedRevision(long revision, List<WatchEvent> events, List<Optional<KeyValue>> prevKvs) {

  LoggedRevision {
    events = List.copyOf(requireNonNull(events, "events"));
    prevKvs = List.copyOf(requireNonNull(prevKvs, "prevKvs"));
    if (events.isEmpty() || events.size() != prevKvs.size()) {
      throw new IllegalArgumentException("revision " + revision + ": " + events.size()
          + " events, " + prevKvs.size() + " prevKvs");
    }
  }

  /** The entries as written (tombstones for deletes), for persistence. */
  List<KeyValue> kvs() {
    List<KeyValue> kvs = new ArrayList<>(events.size());
    for (WatchEvent e : events) {
      kvs.add(e.kv());
    }
    return kvs;
  }

  /** Whether {@code request} wants any of the events. */
  boolean matches(WatchRequest request) {
    for (WatchEvent e : events) {
      if (request.accepts(e)) {
        return true;
      }
    }
    return false;
  }

  /** The events {@code request} wants, in order; the shared list itself when it wants all as-is. */
  List<WatchEvent> filter(WatchRequest request) {
    boolean all = !request.prevKv();
    for (WatchEvent e : events) {
      all &= request.accepts(e);
    }
    if (all) {
      return events;
    }
    List<WatchEvent> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      WatchEvent e = events.get(i);
      if (request.accepts(e)) {
        Optional<KeyValue> prev = prevKvs.get(i);
        out.add(request.prevKv() && prev.isPresent() ? e.withPrevKv(prev.get()) : e);
      }
    }
    return out;
  }
}
