package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a {@link WatchListener} receives. A watch delivers, in this order: any number of {@link
 * Events} and {@link Progress} responses with non-decreasing revisions, then, unless the caller
 * cancels first, at most one terminal response ({@link Compacted} or {@link Failed}) after which
 * the listener is never called again.
 */
public sealed interface WatchResponse
    permits WatchResponse.Events, WatchResponse.Progress, WatchResponse.Compacted,
        WatchResponse.Failed {

  /** The revision this response speaks for. */
  long revision();

  /** True for {@link Compacted} and {@link Failed}: the watch is over. */
  default boolean isTerminal() {
    return false;
  }

  /**
   * All events of one revision that pass the watch's range and filters, in the order the
   * transaction's ops produced them (etcd's "atomic" guarantee: a revision is never split across
   * responses, and each response holds exactly one revision). Never empty.
   */
  record Events(long revision, List<WatchEvent> events) implements WatchResponse {
    public Events {
      events = List.copyOf(requireNonNull(events, "events"));
      if (events.isEmpty()) {
        throw new IllegalArgumentException("an Events response holds at least one event");
      }
      for (WatchEvent e : events) {
        if (e.revision() != revision) {
          throw new IllegalArgumentException(
              "event at revision " + e.revision() + " in a batch of revision " + revision);
        }
      }
    }
  }

  /**
   * A bookmark: every event of the watched range up to and including {@code revision} has been
   * delivered, so no later {@link Events} has a revision at or below it, and the watch may be
   * resumed from {@code revision + 1}.
   */
  record Progress(long revision) implements WatchResponse {
    public Progress {
      if (revision < 0) {
        throw new IllegalArgumentException("revision must be >= 0, was " + revision);
      }
    }
  }

  /**
   * Terminal: the revisions the watch still needed were compacted (it started below the
   * watermark, or fell behind compaction while it was slow). The caller must list again and watch
   * from the list's revision + 1; watching again from the same start fails the same way.
   *
   * @param compactRevision the oldest revision still available
   */
  record Compacted(long compactRevision) implements WatchResponse {
    @Override
    public long revision() {
      return compactRevision;
    }

    @Override
    public boolean isTerminal() {
      return true;
    }
  }

  /**
   * Terminal: the store ended the watch for another reason (it is closing, the connection to etcd
   * was lost and could not be resumed, the listener threw). The caller may watch again from the last
   * delivered revision + 1.
   *
   * @param lastRevision the last revision fully delivered before the failure, 0 if none
   */
  record Failed(long lastRevision, StoreException cause) implements WatchResponse {
    public Failed {
      requireNonNull(cause, "cause");
    }

    @Override
    public long revision() {
      return lastRevision;
    }

    @Override
    public boolean isTerminal() {
      return true;
    }
  }
}
