package io.capstan.plugins.store.etcd;

/**
 * Capstan revisions are etcd's minus one; Capstan's compaction watermark sits one above etcd's.
 *
 * <p>The Store SPI counts from 0 for an empty store, with the first write at revision 1; etcd
 * starts a new cluster at revision 1, with the first write at 2. Subtracting one makes a fresh
 * cluster behave exactly like the embedded stores, so callers and the conformance suite see one
 * model. The offset is constant, so it holds across restarts and for every client; only tools that
 * talk to etcd directly ({@code etcdctl get --rev}) see numbers one higher. Every revision crossing
 * the client goes through here: per-key create and mod revisions, header revisions, read and watch
 * start revisions and revision operands of compares.
 *
 * <p>Watermarks are kept one revision above etcd's own compaction revision (Capstan's watermark W
 * is etcd's W + 1, and Capstan compacts etcd at etcd's W): etcd 3.4 drops the tombstones of keys
 * deleted exactly at its compaction revision, so a watch starting there misses those DELETE events
 * (etcd issue 19179). Capstan never reads or watches at etcd's compaction revision itself; the
 * one etcd revision it still keeps but hides costs nothing worth mentioning.
 */
final class EtcdRevisions {

  /** etcd's revision of an empty cluster, which is Capstan's 0. */
  static final long ETCD_EMPTY = 1;

  private EtcdRevisions() {}

  /** A Capstan revision from etcd's; etcd's 0 ("none") stays 0. */
  static long fromEtcd(long etcd) {
    return etcd <= ETCD_EMPTY ? 0 : etcd - 1;
  }

  /**
   * The etcd revision for a requested Capstan revision (a read, a watch start, a compaction);
   * 0, which means "latest" or "from now" to both, stays 0.
   */
  static long toEtcd(long capstan) {
    return capstan <= 0 ? capstan : capstan + 1;
  }

  /**
   * Capstan's watermark from the oldest revision etcd still serves: the same number, since
   * Capstan's W is etcd's W + 1 and etcd's compaction revision is readable; 0 when etcd serves its
   * first revision (never compacted).
   */
  static long watermarkFromEtcd(long oldestReadableEtcdRevision) {
    return oldestReadableEtcdRevision <= ETCD_EMPTY ? 0 : oldestReadableEtcdRevision;
  }

  /** The etcd revision to compact at for Capstan's {@code compact(revision)}: the same number. */
  static long compactTarget(long capstanRevision) {
    return capstanRevision;
  }

  /**
   * The etcd revision whose readability says whether Capstan's {@code revision} is at or above
   * Capstan's watermark: the same number (one below its own etcd revision).
   */
  static long watermarkProbe(long capstanRevision) {
    return capstanRevision;
  }

  /**
   * The etcd operand of a CREATE or MOD compare. An absent key compares as 0 on both sides, and a
   * present key's revision is one higher in etcd, so operands of 1 and more shift by one and
   * operands of 0 or less stay: {@code rev OP n} then holds in Capstan exactly when it holds in
   * etcd, for present and absent keys alike.
   */
  static long compareOperand(long capstan) {
    return capstan >= 1 ? capstan + 1 : capstan;
  }
}
