package io.capstan.plugins.store.etcd;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.etcd.jetcd.ByteSequence;
import java.util.Optional;

/**
 * Translates Capstan keys and ranges into etcd's keyspace under the configured prefix, and etcd's
 * entries back with the prefix stripped. Every key that crosses the client goes through here, so
 * no result or event can show the prefix and no request can reach outside it.
 *
 * <p>etcd writes "no upper bound" as the one-byte end {@code "\0"} and forbids the empty key. A
 * Capstan range therefore becomes {@code [prefix+start, prefix+end)}, with {@code
 * prefixEnd(prefix)} (or {@code "\0"} when there is none) for an open end and {@code prefix+"\0"}
 * for an empty start; a range that holds no key becomes one that etcd also reads as empty, because
 * an end of {@code "\0"} would otherwise mean "everything".
 */
final class EtcdKeys {

  private static final byte[] OPEN_END = {0};

  private final Bytes prefix;

  EtcdKeys(Bytes prefix) {
    this.prefix = requireNonNull(prefix, "prefix");
  }

  /** A range in etcd's terms: {@code [key, end)}, {@code end = "\0"} meaning unbounded. */
  record EtcdRange(ByteSequence key, ByteSequence end, boolean isEmpty) {}

  Bytes prefix() {
    return prefix;
  }

  /** The etcd key of a Capstan key. */
  ByteSequence key(Bytes key) {
    return ByteSequence.from(prefix.concat(key).toByteArray());
  }

  /** A key of this namespace that no Capstan key maps to, for cheap probes of the header. */
  ByteSequence probeKey() {
    // Capstan keys are never empty, so the prefix itself is free; without a prefix, "\0" is the
    // smallest key there is and reading it (count only) touches at most one entry.
    return ByteSequence.from(prefix.isEmpty() ? OPEN_END : prefix.toByteArray());
  }

  EtcdRange range(KeyRange range) {
    requireNonNull(range, "range");
    // Capstan keys are never empty, so the smallest is "\0": starting there keeps the bare prefix
    // (a key of no Capstan key, maybe another tenant's) out, and gives etcd a non-empty key
    Bytes first = range.start().isEmpty() ? Bytes.of(0) : range.start();
    byte[] start = prefix.concat(first).toByteArray();
    byte[] end;
    if (range.end().isPresent()) {
      end = prefix.concat(range.end().get()).toByteArray();
      if (range.isEmpty() || Bytes.copyOf(end).compareTo(Bytes.copyOf(start)) <= 0) {
        return empty(start);
      }
    } else {
      end = prefix.prefixEnd().map(Bytes::toByteArray).orElse(OPEN_END);
    }
    return new EtcdRange(ByteSequence.from(start), ByteSequence.from(end), false);
  }

  /** {@code [k, k)} with {@code k} two bytes or longer, which etcd reads as empty. */
  private static EtcdRange empty(byte[] start) {
    byte[] k = Bytes.copyOf(start).concat(Bytes.of(0)).toByteArray();
    ByteSequence key = ByteSequence.from(k);
    return new EtcdRange(key, key, true);
  }

  /** The Capstan key of an etcd key of this namespace. */
  Bytes strip(ByteSequence etcdKey) {
    Bytes key = Bytes.copyOf(etcdKey.getBytes());
    if (!key.startsWith(prefix) || key.size() == prefix.size()) {
      throw new IllegalStateException(
          "etcd returned key " + key + " outside the namespace " + prefix);
    }
    return Bytes.copyOf(java.util.Arrays.copyOfRange(etcdKey.getBytes(), prefix.size(), key.size()));
  }

  /** Whether an etcd key belongs to this namespace (lease key lists can hold others). */
  boolean owns(ByteSequence etcdKey) {
    Bytes key = Bytes.copyOf(etcdKey.getBytes());
    return key.startsWith(prefix) && key.size() > prefix.size();
  }

  /** A live entry from a read or a PUT event. */
  KeyValue entry(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(strip(kv.getKey()), Bytes.copyOf(kv.getValue().getBytes()),
        EtcdRevisions.fromEtcd(kv.getCreateRevision()), EtcdRevisions.fromEtcd(kv.getModRevision()),
        kv.getVersion(), kv.getLease());
  }

  /** A prevKv as etcd sends it: absent when the key did not exist (etcd sends an empty entry). */
  Optional<KeyValue> previous(io.etcd.jetcd.KeyValue kv) {
    if (kv == null || kv.getKey().isEmpty() || kv.getVersion() == 0) {
      return Optional.empty();
    }
    return Optional.of(entry(kv));
  }

  static ByteSequence bytes(Bytes value) {
    return ByteSequence.from(value.toByteArray());
  }
}
