/**
 * The {@code memory} store plugin: the shared {@link io.capstan.plugins.store.mvcc MVCC engine}
 * without persistence. Configured under {@code store.memory.*} ({@link
 * io.capstan.plugins.store.memory.MemoryStoreConfig}).
 */
package io.capstan.plugins.store.memory;
