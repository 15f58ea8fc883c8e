package io.capstan.plugins.store.mvcc;

/**
 * Names one persisted version: the revision that wrote it and its position among that revision's
 * events. Compaction hands the refs of the versions it drops to {@link Persistence#compact}.
 */
public record VersionRef(long revision, int index) {

  public VersionRef {
    if (revision < 1 || index < 0) {
      throw new IllegalArgumentException("bad version ref " + revision + "#" + index);
    }
  }
}
