/**
 * The store conformance kit: what every {@link io.capstan.spi.store.Store} plugin ({@code memory},
 * {@code rocksdb}, {@code etcd}, and anyone's own) must pass.
 *
 * <h2>How a store plugin uses it</h2>
 *
 * <p>In the plugin's {@code src/test}, two classes (the plugin module already has this module as
 * a test dependency):
 *
 * <pre>{@code
 * class RocksDbStoreConformanceTest extends AbstractStoreConformanceTest {
 *   @TempDir Path dir;
 *
 *   @Override protected Store openStore() {          // fresh, empty, started; closed by the kit
 *     Store s = new RocksDbStore(config(dir), clock, executor);
 *     s.start();
 *     return s;
 *   }
 *   @Override protected boolean supportsRestart() { return true; }
 *   @Override protected Store restartStore(Store old) {  // same directory, new instance
 *     old.close();
 *     return openStore();
 *   }
 * }
 *
 * class RocksDbStoreModelProperties extends AbstractStoreModelProperties {
 *   @Override protected Store openStore() { ... }    // called once per jqwik try
 *   @Override protected void closeStore(Store s) { s.close(); deleteDirectory(); }
 * }
 * }</pre>
 *
 * <p>The names matter: Surefire runs {@code *Test} and {@code *Properties} classes only. Optional
 * hooks of the conformance test: {@code leaseExpiryTolerance()} (3 s), {@code
 * minimumLeaseTtlSeconds()} (1; about 2 for etcd), {@code requestProgress(store)} (ask for a
 * progress notification, e.g. etcd's {@code RequestProgress}), {@code patience()} (15 s). A store
 * whose {@code isDurable()} is true must support restart. Every test, and every try of the model
 * properties, needs an empty store at revision 0; an etcd-backed subclass therefore starts a fresh
 * etcd (or data directory) per test.
 *
 * <h2>What is in here</h2>
 *
 * <ul>
 *   <li>{@link io.capstan.tck.store.AbstractStoreConformanceTest}: about 45 example-based checks of
 *       the contract in {@code Store}'s Javadoc (revisions, transactions and compares, ranges and
 *       paging, values, watches alone and under concurrency, leases, compaction, restart,
 *       lifecycle). The classes {@code Store*Conformance} and {@code StoreConformanceSupport} are
 *       its parts, split by topic; extend only the final class.
 *   <li>{@link io.capstan.tck.store.AbstractStoreModelProperties}: property-based comparison with
 *       the reference over random histories ({@link io.capstan.tck.store.StoreModelOp}).
 *   <li>{@link io.capstan.tck.store.ReferenceStore}: the executable specification, simple enough
 *       to be obviously correct and not meant for production; {@link
 *       io.capstan.tck.store.ManualClock} drives its lease expiry deterministically.
 *   <li>{@link io.capstan.tck.store.WatchRecorder}: a listener that records responses and flags
 *       contract breaches, for the plugin's own watch tests too.
 * </ul>
 */
package io.capstan.tck.store;
