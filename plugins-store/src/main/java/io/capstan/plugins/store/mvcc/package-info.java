/**
 * The MVCC engine shared by the embedded store plugins ({@code memory}, {@code rocksdb}); a
 * support package, not a plugin. {@link io.capstan.plugins.store.mvcc.MvccStore} implements the
 * whole Store contract in memory over a {@link io.capstan.plugins.store.mvcc.Persistence}, so the
 * plugins differ only in durability, as etcd's {@code mvcc} package sits over its {@code backend}.
 *
 * <p>Data flow: callers' writes queue for one writer thread, which applies them to the in-memory
 * {@code KeyIndex} and {@code RevisionLog}, persists the whole batch in one atomic write, publishes
 * the committed revision, acknowledges, and wakes the watches. Reads and watches never take a lock
 * the writer holds.
 */
package io.capstan.plugins.store.mvcc;
