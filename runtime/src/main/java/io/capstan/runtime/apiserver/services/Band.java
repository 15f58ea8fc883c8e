package io.capstan.runtime.apiserver.services;

import java.util.BitSet;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * A range of {@code size} items with a static band at the bottom (KEP-3070 for addresses,
 * KEP-3668 for node ports): a free item is searched first in the dynamic band above it, from a
 * random start, then in the static band. Remembers what this server knows to be taken; the store
 * stays the authority (a claim can still fail, and the caller marks that item and goes on).
 */
final class Band {

  private final long size;
  private final long staticSize;
  private final BitSet taken;
  private final RandomGenerator random;

  Band(long size, long staticSize, RandomGenerator random) {
    this.size = size;
    this.staticSize = Math.min(staticSize, size);
    this.taken = new BitSet((int) size);
    this.random = random;
  }

  synchronized void markTaken(long offset) {
    taken.set((int) offset);
  }

  synchronized void markFree(long offset) {
    taken.clear((int) offset);
  }

  /** A candidate not known to be taken, or empty when the whole range is. */
  synchronized OptionalLong candidate() {
    long dynamic = size - staticSize;
    if (dynamic > 0) {
      long start = staticSize + random.nextLong(dynamic);
      int free = taken.nextClearBit((int) start);
      if (free < size) {
        return OptionalLong.of(free);
      }
      free = taken.nextClearBit((int) staticSize);
      if (free < start) {
        return OptionalLong.of(free);
      }
    }
    int free = taken.nextClearBit(0);
    return free < staticSize || (dynamic <= 0 && free < size) ? OptionalLong.of(free) : OptionalLong.empty();
  }
}
