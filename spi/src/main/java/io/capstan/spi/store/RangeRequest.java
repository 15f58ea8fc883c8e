package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

/**
 * A read of a {@link KeyRange}, in ascending key order (etcd's default sort; Capstan offers no other
 * order because no caller needs one and every backend can serve this one from an index scan).
 *
 * @param range the keys to read
 * @param revision the revision to read at; {@code 0} means the latest. A revision at or above the
 *     compaction watermark and at most the current revision is served from history; older ones fail
 *     with {@link CompactedException}, newer ones with {@link FutureRevisionException}.
 * @param limit the most entries to return, {@code 0} for no limit; when it cuts the result short
 *     {@link RangeResult#more()} is true and the next page is read with {@link KeyRange#after} at the
 *     same revision
 * @param keysOnly return entries with an empty value (metadata intact), to save copying values
 * @param countOnly return no entries, only {@link RangeResult#count()}
 */
public record RangeRequest(
    KeyRange range, long revision, long limit, boolean keysOnly, boolean countOnly) {

  public RangeRequest {
    requireNonNull(range, "range");
    if (revision < 0) {
      throw new IllegalArgumentException("revision must be >= 0 (0 = latest), was " + revision);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 (0 = no limit), was " + limit);
    }
  }

  /** All of {@code range} at the latest revision. */
  public static RangeRequest of(KeyRange range) {
    return new RangeRequest(range, 0, 0, false, false);
  }

  public RangeRequest atRevision(long revision) {
    return new RangeRequest(range, revision, limit, keysOnly, countOnly);
  }

  public RangeRequest withLimit(long limit) {
    return new RangeRequest(range, revision, limit, keysOnly, countOnly);
  }

  public RangeRequest withKeysOnly() {
    return new RangeRequest(range, revision, limit, true, countOnly);
  }

  public RangeRequest withCountOnly() {
    return new RangeRequest(range, revision, limit, keysOnly, true);
  }

  /** The same request for {@code range} (e.g. the next page), keeping every other field. */
  public RangeRequest withRange(KeyRange range) {
    return new RangeRequest(range, revision, limit, keysOnly, countOnly);
  }
}
