/**
 * The Store SPI: durable key/value storage with etcd v3's model (one global revision, per-key
 * create/mod revision and version, compare-and-swap transactions, watch from a revision,
 * compaction, leases). {@link io.capstan.spi.store.Store} holds the contract; the records around
 * it are the requests and results, with the logic every plugin must agree on
 * ({@link io.capstan.spi.store.Bytes} ordering and prefix ends, {@link
 * io.capstan.spi.store.KeyRange#contains}, {@link io.capstan.spi.store.Compare#test}, {@link
 * io.capstan.spi.store.TxnRequest} validation) implemented once here.
 *
 * <p>For Kubernetes-style callers: {@code resourceVersion} is {@link
 * io.capstan.spi.store.KeyValue#modRevision()} (a list's is {@link
 * io.capstan.spi.store.RangeResult#revision()}), an optimistic update is {@code
 * when(modRevision(key).equal(rv)).then(put).otherwise(get)}, and {@link
 * io.capstan.spi.store.CompactedException} becomes 410 Gone.
 */
package io.capstan.spi.store;
