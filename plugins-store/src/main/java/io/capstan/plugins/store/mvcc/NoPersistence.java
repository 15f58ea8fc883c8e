package io.capstan.plugins.store.mvcc;

/** The persistence of the {@code memory} store: keeps nothing, so every start is a fresh store. */
public final class NoPersistence implements Persistence {

  @Override
  public RecoveredState recover() {
    return RecoveredState.EMPTY;
  }

  @Override
  public void replay(ReplaySink sink) {}

  @Override
  public void append(CommitBatch batch) {}

  @Override
  public boolean isDurable() {
    return false;
  }

  @Override
  public boolean blocks() {
    return false;
  }

  @Override
  public void close() {}
}
