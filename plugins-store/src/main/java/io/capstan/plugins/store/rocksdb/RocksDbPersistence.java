package io.capstan.plugins.store.rocksdb;

import static io.capstan.plugins.store.rocksdb.RocksDbCodec.COMPACT_REVISION;
import static io.capstan.plugins.store.rocksdb.RocksDbCodec.CURRENT_REVISION;
import static io.capstan.plugins.store.rocksdb.RocksDbCodec.LEASE_PREFIX;
import static io.capstan.plugins.store.rocksdb.RocksDbCodec.NEXT_LEASE_ID;
import static java.util.Objects.requireNonNull;

import io.capstan.plugins.store.mvcc.CommitBatch;
import io.capstan.plugins.store.mvcc.LeaseRecord;
import io.capstan.plugins.store.mvcc.Persistence;
import io.capstan.plugins.store.mvcc.RecoveredState;
import io.capstan.plugins.store.mvcc.RevisionRecord;
import io.capstan.plugins.store.mvcc.VersionRef;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The {@code rocksdb} store's {@link Persistence}: an embedded RocksDB with the layout of {@link
 * RocksDbCodec}. Every {@link #append} is one {@link WriteBatch} (RocksDB
 * applies a batch atomically, also across column families, and recovers it whole or not at all
 * from its write-ahead log), written with {@code sync=true} in {@code sync} mode. So the revision
 * counter, the revisions' data, lease changes and the compaction watermark can never disagree
 * after a crash. Compaction deletes the dropped rows in the same batch; RocksDB reclaims their
 * space in its own background compactions.
 *
 * <p>Native resources are closed in reverse order of creation: column family handles, the
 * database, then the options, table config cache and write options they used.
 */
public final class RocksDbPersistence implements Persistence {

  private static final byte[] REVISIONS_CF = "revisions".getBytes(StandardCharsets.UTF_8);
  private static final byte[] META_CF = "meta".getBytes(StandardCharsets.UTF_8);

  /** Memtable size, and so the size of each (recycled) write-ahead log file. */
  static final long WRITE_BUFFER_BYTES = 16L << 20;
  /** Obsolete write-ahead logs kept for reuse. */
  static final int RECYCLED_WALS = 4;

  private final Path dir;
  private final RocksDbStoreConfig.SyncMode syncMode;
  private final long blockCacheBytes;
  private final RocksDbStoreConfig.Compression compression;
  private final long writeBufferBytes;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>(); // closed last-in first-out
  private RocksDB db;
  private ColumnFamilyHandle revisions;
  private ColumnFamilyHandle meta;
  private WriteOptions writeOptions;
  private boolean closed;

  public RocksDbPersistence(Path dir, RocksDbStoreConfig.SyncMode syncMode, long blockCacheBytes,
      RocksDbStoreConfig.Compression compression) {
    this(dir, syncMode, blockCacheBytes, compression, WRITE_BUFFER_BYTES);
  }

  /** With another memtable size: tests use a small one so write-ahead logs are recycled often. */
  RocksDbPersistence(Path dir, RocksDbStoreConfig.SyncMode syncMode, long blockCacheBytes,
      RocksDbStoreConfig.Compression compression, long writeBufferBytes) {
    this.writeBufferBytes = writeBufferBytes;
    this.dir = requireNonNull(dir, "dir");
    this.syncMode = requireNonNull(syncMode, "syncMode");
    this.blockCacheBytes = blockCacheBytes;
    this.compression = requireNonNull(compression, "compression");
  }

  /** The settings of {@code config}. */
  public static RocksDbPersistence of(RocksDbStoreConfig config) {
    return new RocksDbPersistence(config.dataPath(), config.syncMode(), config.blockCacheBytes(),
        config.compression());
  }

  @Override
  public RecoveredState recover() {
    open();
    try {
      long current = readLong(CURRENT_REVISION, 0);
      long compacted = readLong(COMPACT_REVISION, 0);
      long nextLeaseId = readLong(NEXT_LEASE_ID, 1);
      List<LeaseRecord> leases = new ArrayList<>();
      try (RocksIterator it = db.newIterator(meta)) {
        for (it.seek(LEASE_PREFIX); it.isValid() && startsWith(it.key(), LEASE_PREFIX); it.next()) {
          leases.add(new LeaseRecord(RocksDbCodec.leaseIdOf(it.key()),
              RocksDbCodec.longOf(it.value())));
        }
        it.status();
      }
      return new RecoveredState(current, compacted, nextLeaseId, leases);
    } catch (RocksDBException e) {
      throw failure("read the store's metadata", e);
    }
  }

  private void open() {
    if (db != null || closed) {
      throw new IllegalStateException("rocksdb persistence at " + dir + " opened twice");
    }
    RocksDB.loadLibrary();
    try {
      Files.createDirectories(dir);
      LRUCache cache = track(new LRUCache(blockCacheBytes));
      ColumnFamilyOptions cfOptions = track(new ColumnFamilyOptions()
          .setWriteBufferSize(writeBufferBytes)
          .setCompressionType(compression.type)
          .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache)));
      DBOptions dbOptions = track(new DBOptions()
          .setCreateIfMissing(true)
          .setCreateMissingColumnFamilies(true)
          // Sync cost: a synced append to a fresh WAL grows the file, so every fdatasync also
          // commits the file system's journal (size, extent conversion). A recycled WAL is
          // overwritten in place, so its syncs flush data only. Each WAL lasts one memtable
          // (all column families flush together, so the old WAL is free at once) and is then
          // reused. Recycling needs point-in-time recovery, which recognises old records in a
          // reused file by their log number; synced (acknowledged) records are always kept.
          .setRecycleLogFileNum(RECYCLED_WALS)
          .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
          .setAtomicFlush(true));
      List<ColumnFamilyDescriptor> descriptors = List.of(
          new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
          new ColumnFamilyDescriptor(REVISIONS_CF, cfOptions),
          new ColumnFamilyDescriptor(META_CF, cfOptions));
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      db = track(RocksDB.open(dbOptions, dir.toString(), descriptors, handles));
      handles.forEach(this::track);
      revisions = handles.get(1);
      meta = handles.get(2);
      writeOptions = track(new WriteOptions().setSync(syncMode == RocksDbStoreConfig.SyncMode.SYNC));
    } catch (RocksDBException | IOException e) {
      closeResources();
      throw new StoreException("cannot open the rocksdb store at " + dir + ": " + e.getMessage()
          + " (is another process using this directory? set store.rocksdb.dataDir to another)", e);
    }
  }

  @Override
  public void replay(ReplaySink sink) {
    try (ReadOptions options = new ReadOptions().setFillCache(false);
        RocksIterator it = db.newIterator(revisions, options)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        KeyValue kv = RocksDbCodec.decode(key, it.value());
        sink.version(kv, RocksDbCodec.indexOf(key));
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("read the revisions", e);
    }
  }

  @Override
  public void append(CommitBatch batch) {
    try (WriteBatch wb = new WriteBatch()) {
      for (RevisionRecord r : batch.revisions()) {
        List<KeyValue> kvs = r.kvs();
        for (int i = 0; i < kvs.size(); i++) {
          wb.put(revisions, RocksDbCodec.revisionKey(r.revision(), i),
              RocksDbCodec.encode(kvs.get(i)));
        }
      }
      for (LeaseRecord lease : batch.grantedLeases()) {
        wb.put(meta, RocksDbCodec.leaseKey(lease.id()), RocksDbCodec.longBytes(lease.ttlSeconds()));
      }
      for (long id : batch.removedLeases()) {
        wb.delete(meta, RocksDbCodec.leaseKey(id));
      }
      if (batch.compacts()) {
        for (VersionRef ref : batch.dropped()) {
          wb.delete(revisions, RocksDbCodec.revisionKey(ref.revision(), ref.index()));
        }
        wb.put(meta, COMPACT_REVISION, RocksDbCodec.longBytes(batch.compactRevision()));
      }
      wb.put(meta, CURRENT_REVISION, RocksDbCodec.longBytes(batch.currentRevision()));
      wb.put(meta, NEXT_LEASE_ID, RocksDbCodec.longBytes(batch.nextLeaseId()));
      db.write(writeOptions, wb);
    } catch (RocksDBException e) {
      throw failure("write a batch of " + batch.size() + " revisions", e);
    }
  }

  @Override
  public boolean isDurable() {
    return syncMode == RocksDbStoreConfig.SyncMode.SYNC;
  }

  /** Syncs the write-ahead log (needed in {@code none} mode) and releases everything. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (db != null && syncMode == RocksDbStoreConfig.SyncMode.NONE) {
        db.syncWal();
      }
    } catch (RocksDBException e) {
      throw failure("sync the write-ahead log on close", e);
    } finally {
      closeResources();
      db = null;
    }
  }

  private void closeResources() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        // keep closing the rest; a native handle that fails to close leaks only itself
      }
    }
  }

  private <T extends AutoCloseable> T track(T resource) {
    resources.push(resource);
    return resource;
  }

  private long readLong(byte[] key, long absent) throws RocksDBException {
    byte[] value = db.get(meta, key);
    return value == null ? absent : RocksDbCodec.longOf(value);
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private StoreException failure(String what, RocksDBException e) {
    return new StoreException("rocksdb at " + dir + " could not " + what + ": " + e.getMessage(), e);
  }

  @Override
  public String toString() {
    return "RocksDbPersistence[" + dir + ", sync=" + syncMode + "]";
  }
}
