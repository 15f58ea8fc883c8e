package io.capstan.plugins.store.rocksdb;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The on-disk layout of the {@code rocksdb} store.
 *
 * <ul>
 *   <li>Column family {@code revisions}: key = revision (8 bytes, big-endian) + index within the
 *       revision (4 bytes, big-endian), so RocksDB's bytewise order is revision order and recovery
 *       is one forward scan; value = version (8) + createRevision (8) + lease (8) + key length (4)
 *       + key + value. The modRevision is the row key's revision; version 0 marks a tombstone.
 *   <li>Column family {@code meta}: {@code current-revision}, {@code compact-revision}, {@code
 *       next-lease-id} (8 bytes each) and one {@code lease/<id>} row per live lease holding its
 *       TTL in seconds.
 * </ul>
 *
 * <p>Fixed-width big-endian numbers rather than varints: rows are dominated by the value, and a
 * fixed layout is simple to check when a file looks corrupt.
 */
final class RocksDbCodec {

  static final byte[] CURRENT_REVISION = utf8("current-revision");
  static final byte[] COMPACT_REVISION = utf8("compact-revision");
  static final byte[] NEXT_LEASE_ID = utf8("next-lease-id");
  static final byte[] LEASE_PREFIX = utf8("lease/");

  private static final int HEADER = 8 + 8 + 8 + 4;

  private RocksDbCodec() {}

  static byte[] revisionKey(long revision, int index) {
    return ByteBuffer.allocate(12).putLong(revision).putInt(index).array();
  }

  static long revisionOf(byte[] rowKey) {
    return ByteBuffer.wrap(rowKey).getLong(0);
  }

  static int indexOf(byte[] rowKey) {
    return ByteBuffer.wrap(rowKey).getInt(8);
  }

  static byte[] encode(KeyValue kv) {
    ByteBuffer key = kv.key().asReadOnlyBuffer();
    ByteBuffer value = kv.value().asReadOnlyBuffer();
    ByteBuffer out = ByteBuffer.allocate(HEADER + key.remaining() + value.remaining());
    out.putLong(kv.version()).putLong(kv.createRevision()).putLong(kv.lease())
        .putInt(key.remaining()).put(key).put(value);
    return out.array();
  }

  static KeyValue decode(byte[] rowKey, byte[] row) {
    long revision = revisionOf(rowKey);
    ByteBuffer in = ByteBuffer.wrap(row);
    long version = in.getLong();
    long createRevision = in.getLong();
    long lease = in.getLong();
    byte[] key = new byte[in.getInt()];
    in.get(key);
    byte[] value = new byte[in.remaining()];
    in.get(value);
    return new KeyValue(Bytes.copyOf(key), Bytes.copyOf(value), createRevision, revision, version,
        lease);
  }

  static byte[] leaseKey(long id) {
    return ByteBuffer.allocate(LEASE_PREFIX.length + 8).put(LEASE_PREFIX).putLong(id).array();
  }

  static long leaseIdOf(byte[] metaKey) {
    return ByteBuffer.wrap(metaKey).getLong(LEASE_PREFIX.length);
  }

  static byte[] longBytes(long n) {
    return ByteBuffer.allocate(8).putLong(n).array();
  }

  static long longOf(byte[] bytes) {
    return ByteBuffer.wrap(bytes).getLong();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
