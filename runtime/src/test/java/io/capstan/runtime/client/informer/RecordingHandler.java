package io.capstan.runtime.client.informer;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the events a handler receives as short lines ({@code add ns/a@3}, {@code update ns/a
 * 3->5}, {@code delete ns/a@7 unknown}), and checks on the way that it is never called twice at
 * once.
 */
final class RecordingHandler implements ResourceEventHandler<Pod> {

  private final List<String> events = new ArrayList<>();
  private final List<Pod> objects = new ArrayList<>();
  private final AtomicInteger inside = new AtomicInteger();
  private volatile boolean overlapped;

  static String key(Pod pod) {
    return ObjectKey.of(pod) + "@" + pod.getMetadata().getResourceVersion();
  }

  @Override
  public void onAdd(Pod object) {
    record("add " + key(object), object);
  }

  @Override
  public void onUpdate(Pod oldObject, Pod newObject) {
    String line = oldObject == newObject ? "resync " + key(newObject)
        : "update " + ObjectKey.of(newObject) + " " + oldObject.getMetadata().getResourceVersion()
            + "->" + newObject.getMetadata().getResourceVersion();
    record(line, newObject);
  }

  @Override
  public void onDelete(Pod lastKnown, boolean finalStateUnknown) {
    record("delete " + key(lastKnown) + (finalStateUnknown ? " unknown" : ""), lastKnown);
  }

  private void record(String line, Pod object) {
    if (inside.incrementAndGet() != 1) {
      overlapped = true;
    }
    synchronized (this) {
      events.add(line);
      objects.add(object);
    }
    inside.decrementAndGet();
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  synchronized List<Pod> objects() {
    return List.copyOf(objects);
  }

  /** The events since the last call. */
  synchronized List<String> drain() {
    List<String> copy = new ArrayList<>(events);
    events.clear();
    objects.clear();
    return copy;
  }

  void assertNeverConcurrent() {
    assertThat(overlapped).as("handler called concurrently").isFalse();
  }
}
