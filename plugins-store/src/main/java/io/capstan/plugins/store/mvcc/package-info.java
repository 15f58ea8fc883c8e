/**
 * The MVCC engine shared by the embedded store plugins ({@code memory}, {@code rocksdb}); a
 * support package, not a plugin. {@link io.capstan.plugins.store.mvcc.MvccStore} implements the
 * whole Store contract in memory over a {@link io.capstan.plugins.store.mvcc.Persistence}, so the
 * plugins differ only in durability, as etcd's {@code mvcc} package sits over its {@code backend}.
 *
 * <p>Data flow: a writing caller applies its transaction to the in-memory {@code KeyIndex} and
 * {@code RevisionLog} under the store's one write lock; the sync thread takes all that was applied
 * since its last append as one batch, persists it in one atomic write, publishes the committed
 * revision, acknowledges the callers and wakes the watches. Reads and watches never take that
 * lock: they read at the committed revision.
 */
package io.capstan.plugins.store.mvcc;
