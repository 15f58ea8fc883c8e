package io.capstan.tck.store;

import io.capstan.spi.store.Store;

/**
 * The model properties with a second reference store as the store under test: a sanity check that
 * the generators, the step comparison and the history comparison hold for a correct store.
 */
class ReferenceStoreModelProperties extends AbstractStoreModelProperties {

  @Override
  protected Store openStore() {
    ReferenceStore store = ReferenceStore.create();
    store.start();
    return store;
  }
}
