/**
 * The {@code rocksdb} store plugin, Capstan's embedded default: the shared {@link
 * io.capstan.plugins.store.mvcc MVCC engine} over {@link
 * io.capstan.plugins.store.rocksdb.RocksDbPersistence}. Configured under {@code store.rocksdb.*}
 * ({@link io.capstan.plugins.store.rocksdb.RocksDbStoreConfig}).
 */
package io.capstan.plugins.store.rocksdb;
