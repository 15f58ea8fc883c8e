package io.capstan.tck.store;

import static org.awaitility.Awaitility.await;

import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;

/**
 * A {@link WatchListener} that records every response and every breach of the listener contract
 * it can see by itself: a call after a terminal response, two calls at once, an Events response
 * at or below an earlier one, a Progress followed by an event at or below it. Tests wait on it
 * with Awaitility and then compare what it holds.
 */
public final class WatchRecorder implements WatchListener {

  private final List<WatchResponse> responses = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Set<Thread> callers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inCall = new AtomicInteger();
  // Only touched inside onResponse, which the contract serializes (and which we check).
  private long lastEvents;
  private long lastProgress = -1;
  private boolean ended;

  @Override
  public void onResponse(WatchResponse response) {
    if (inCall.incrementAndGet() != 1) {
      violations.add("listener called concurrently, at " + response);
    }
    try {
      callers.add(Thread.currentThread());
      if (ended) {
        violations.add("listener called after a terminal response: " + response);
      }
      if (response instanceof WatchResponse.Events events) {
        if (events.revision() <= lastEvents) {
          violations.add("Events at " + events.revision() + " after Events at " + lastEvents);
        }
        if (events.revision() <= lastProgress) {
          violations.add("Events at " + events.revision() + " after Progress at " + lastProgress);
        }
        lastEvents = events.revision();
      } else if (response instanceof WatchResponse.Progress progress) {
        if (progress.revision() < lastEvents) {
          violations.add("Progress at " + progress.revision() + " after Events at " + lastEvents);
        }
        lastProgress = Math.max(lastProgress, progress.revision());
      }
      ended |= response.isTerminal();
      responses.add(response);
    } finally {
      inCall.decrementAndGet();
    }
  }

  /** Every response so far, in delivery order. */
  public List<WatchResponse> responses() {
    return List.copyOf(responses);
  }

  /** The Events responses so far. */
  public List<WatchResponse.Events> batches() {
    List<WatchResponse.Events> out = new ArrayList<>();
    for (WatchResponse r : responses) {
      if (r instanceof WatchResponse.Events e) {
        out.add(e);
      }
    }
    return out;
  }

  /** Every event so far, flattened in delivery order. */
  public List<WatchEvent> events() {
    return batches().stream().flatMap(b -> b.events().stream()).toList();
  }

  /** The revision of the last Events response, 0 if none. */
  public long lastEventRevision() {
    List<WatchResponse.Events> b = batches();
    return b.isEmpty() ? 0 : b.get(b.size() - 1).revision();
  }

  /** The terminal response, if the watch has ended. */
  public Optional<WatchResponse> terminal() {
    return responses.stream().filter(WatchResponse::isTerminal).findFirst();
  }

  /** Breaches of the listener contract seen so far, each described in a sentence. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** The threads the listener was called on. */
  public Set<Thread> callers() {
    return Set.copyOf(callers);
  }

  /** Waits until an Events response at or above {@code revision} has arrived. */
  public void awaitRevision(long revision, Duration timeout) {
    waitFor("watch to deliver revision " + revision, timeout)
        .until(() -> lastEventRevision() >= revision || terminal().isPresent());
  }

  /** Waits until at least {@code count} events have arrived. */
  public void awaitEventCount(int count, Duration timeout) {
    waitFor("watch to deliver " + count + " events", timeout)
        .until(() -> events().size() >= count || terminal().isPresent());
  }

  /** Awaitility as the store kit uses it: polling every 10 ms, at most {@code timeout}. */
  static ConditionFactory waitFor(String what, Duration timeout) {
    return await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
  }

  /** Waits for the terminal response and returns it. */
  public WatchResponse awaitTerminal(Duration timeout) {
    waitFor("watch to end", timeout).until(() -> terminal().isPresent());
    return terminal().orElseThrow();
  }
}
