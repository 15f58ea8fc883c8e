package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

/**
 * What to watch and from where.
 *
 * @param range the keys whose changes are delivered
 * @param startRevision the first revision to deliver, inclusive; {@code 0} means "from now": the
 *     first revision after the one current when {@link Store#watch} returns (see {@link
 *     Watch#startRevision()}). A revision below the compaction watermark ends the watch with {@link
 *     WatchResponse.Compacted}; a revision in the future is allowed and the watch simply waits.
 *     To resume a broken watch pass the last delivered revision + 1.
 * @param prevKv attach the entry as it was before each event ({@link WatchEvent#prevKv()})
 * @param progressNotify ask for {@link WatchResponse.Progress} while the range is idle; the
 *     store chooses the interval (on its {@link io.capstan.spi.clock.Clock}) and need not send any
 * @param noPut leave out PUT events
 * @param noDelete leave out DELETE events
 */
public record WatchRequest(
    KeyRange range,
    long startRevision,
    boolean prevKv,
    boolean progressNotify,
    boolean noPut,
    boolean noDelete) {

  public WatchRequest {
    requireNonNull(range, "range");
    if (startRevision < 0) {
      throw new IllegalArgumentException(
          "startRevision must be >= 0 (0 = from now), was " + startRevision);
    }
  }

  /** Every change in {@code range} from now on. */
  public static WatchRequest of(KeyRange range) {
    return new WatchRequest(range, 0, false, false, false, false);
  }

  public WatchRequest fromRevision(long startRevision) {
    return new WatchRequest(range, startRevision, prevKv, progressNotify, noPut, noDelete);
  }

  public WatchRequest withPrevKv() {
    return new WatchRequest(range, startRevision, true, progressNotify, noPut, noDelete);
  }

  public WatchRequest withProgressNotify() {
    return new WatchRequest(range, startRevision, prevKv, true, noPut, noDelete);
  }

  public WatchRequest withoutPuts() {
    return new WatchRequest(range, startRevision, prevKv, progressNotify, true, noDelete);
  }

  public WatchRequest withoutDeletes() {
    return new WatchRequest(range, startRevision, prevKv, progressNotify, noPut, true);
  }

  /** Whether an event passes this request's range and filters. */
  public boolean accepts(WatchEvent event) {
    requireNonNull(event, "event");
    return range.contains(event.kv().key())
        && !(noPut && event.type() == WatchEvent.Type.PUT)
        && !(noDelete && event.type() == WatchEvent.Type.DELETE);
  }
}
