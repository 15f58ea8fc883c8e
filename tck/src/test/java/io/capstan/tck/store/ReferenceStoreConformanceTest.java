package io.capstan.tck.store;

import io.capstan.spi.store.Store;
import java.util.OptionalInt;

/**
 * The suite against its own executable specification: proves every check satisfiable. On the
 * wall clock, with the background thread, like a real plugin.
 */
class ReferenceStoreConformanceTest extends AbstractStoreConformanceTest {

  @Override
  protected Store openStore() {
    ReferenceStore store = ReferenceStore.create();
    store.start();
    return store;
  }

  @Override
  protected boolean supportsRestart() {
    return true;
  }

  @Override
  protected Store restartStore(Store old) {
    old.close();
    ReferenceStore reopened = ((ReferenceStore) old).reopen();
    reopened.start();
    return reopened;
  }

  @Override
  protected OptionalInt maxValueBytes() {
    return OptionalInt.of(ReferenceStore.MAX_VALUE_BYTES);
  }

  @Override
  protected boolean requestProgress(Store store) {
    ((ReferenceStore) store).requestProgress();
    return true;
  }
}
