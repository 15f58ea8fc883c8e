package io.capstan.plugins.store.etcd;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.store.etcd.EtcdErrors.Call;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseInfo;
import io.etcd.jetcd.options.LeaseOption;
import java.util.Comparator;
import java.util.Optional;

/**
 * The lease calls of {@link EtcdStore}. Each is one request: a keep-alive is jetcd's {@code
 * keepAliveOnce} (the SPI renews once per call; a caller that wants a stream calls it on a timer),
 * and lease calls count as writes, so a timeout is indeterminate. Leases live on the cluster, not
 * under the key prefix: {@link #timeToLive} lists only the attached keys of this prefix.
 */
final class EtcdLeases {

  private final EtcdStore store;
  private final EtcdKeys keys;
  private final EtcdRequestRewriter rewriter;

  EtcdLeases(EtcdStore store, EtcdKeys keys, EtcdRequestRewriter rewriter) {
    this.store = requireNonNull(store, "store");
    this.keys = requireNonNull(keys, "keys");
    this.rewriter = requireNonNull(rewriter, "rewriter");
  }

  Lease grant(long ttlSeconds, long id) {
    if (ttlSeconds < 1) {
      throw new IllegalArgumentException("ttlSeconds must be >= 1, was " + ttlSeconds);
    }
    if (id < 0) {
      throw new IllegalArgumentException("lease id must be >= 0 (0 = any), was " + id);
    }
    Call call = Call.write("grant a lease of " + ttlSeconds + "s").withLease(id);
    if (id == 0) {
      var granted = store.await(call, () -> store.leaseClient().grant(ttlSeconds));
      return new Lease(granted.getID(), granted.getTTL());
    }
    long encoded = rewriter.encodeGrant(ttlSeconds, id); // jetcd cannot send an id itself
    try {
      var granted = store.await(call, () -> store.leaseClient().grant(encoded));
      return new Lease(granted.getID(), granted.getTTL());
    } finally {
      rewriter.release(encoded);
    }
  }

  Lease keepAlive(long leaseId) {
    Call call = Call.write("keep lease " + leaseId + " alive").withLease(leaseId);
    var renewed = store.await(call, () -> store.leaseClient().keepAliveOnce(leaseId));
    return new Lease(leaseId, renewed.getTTL());
  }

  void revoke(long leaseId) {
    store.await(Call.write("revoke lease " + leaseId).withLease(leaseId),
        () -> store.leaseClient().revoke(leaseId));
  }

  Optional<LeaseInfo> timeToLive(long leaseId, boolean withKeys) {
    if (leaseId <= 0) {
      store.checkOpen();
      return Optional.empty(); // no lease has such an id
    }
    LeaseOption option = withKeys ? LeaseOption.builder().withAttachedKeys().build()
        : LeaseOption.DEFAULT;
    var answer = store.await(Call.read("read lease " + leaseId, 0).withLease(leaseId),
        () -> store.leaseClient().timeToLive(leaseId, option));
    if (answer.getTTL() == -1 || answer.getGrantedTTL() < 1) {
      return Optional.empty(); // etcd's answer for a lease it does not know
    }
    long granted = answer.getGrantedTTL();
    // etcd truncates the remaining seconds; the SPI rounds up, which is one more unless at full TTL
    long remaining = answer.getTTL() <= 0 ? 0 : Math.min(granted, answer.getTTL() + 1);
    var own = answer.getKeys().stream().filter(keys::owns).map(keys::strip)
        .sorted(Comparator.naturalOrder()).toList();
    return Optional.of(new LeaseInfo(leaseId, granted, remaining, own));
  }
}
