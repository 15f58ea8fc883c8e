package io.capstan.runtime.client.informer;

import static io.capstan.runtime.client.informer.Pods.onNode;
import static io.capstan.runtime.client.informer.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.client.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The same script on two fresh virtual clocks gives the same events at the same instants, byte for
 * byte: pagination, a dropped watch, compaction, a relist with synthetic deletes, resyncs and a
 * handler joining late, with two informers sharing the executor.
 */
class InformerDeterminismTest {

  private static List<String> run() {
    InformerFixture fx = new InformerFixture();
    List<String> log = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      fx.server.create(pod("ns" + i % 3, "p" + i, "n" + i % 4));
    }
    InformerOptions options = InformerOptions.defaults().withPageSize(7)
        .withResyncPeriod(Duration.ofSeconds(20));
    DefaultSharedInformer<Pod> first = fx.informer(options);
    DefaultSharedInformer<Pod> second = fx.informer(options);
    first.addEventHandler(logging("first", fx, log));
    first.start();
    second.start();
    fx.advance(Duration.ofSeconds(1));

    second.addEventHandler(logging("second", fx, log));
    fx.server.dropConnections();
    for (int i = 0; i < 10; i++) {
      fx.server.delete("ns" + i % 3, "p" + i);
      fx.server.update(onNode(fx.server.get("ns" + (i + 10) % 3, "p" + (i + 10)).orElseThrow(),
          "moved"));
    }
    fx.server.compact();
    fx.advance(Duration.ofSeconds(30));
    fx.server.closeWatches(Optional.empty());
    fx.server.create(pod("ns0", "late"));
    fx.advance(Duration.ofSeconds(30));
    return log;
  }

  private static ResourceEventHandler<Pod> logging(String name, InformerFixture fx,
      List<String> log) {
    RecordingHandler recorder = new RecordingHandler();
    return new ResourceEventHandler<>() {
      private void note() {
        List<String> events = recorder.drain();
        events.forEach(e -> log.add(fx.clock.now() + " " + name + " " + e));
      }

      @Override
      public void onAdd(Pod object) {
        recorder.onAdd(object);
        note();
      }

      @Override
      public void onUpdate(Pod oldObject, Pod newObject) {
        recorder.onUpdate(oldObject, newObject);
        note();
      }

      @Override
      public void onDelete(Pod lastKnown, boolean finalStateUnknown) {
        recorder.onDelete(lastKnown, finalStateUnknown);
        note();
      }
    };
  }

  @Test
  void twoRunsOfTheSameScriptProduceTheSameEventLog() {
    List<String> one = run();
    List<String> two = run();

    assertThat(one).hasSizeGreaterThan(100)
        .anyMatch(line -> line.endsWith(" unknown"))
        .anyMatch(line -> line.contains(" resync "));
    assertThat(two).isEqualTo(one);
  }
}
