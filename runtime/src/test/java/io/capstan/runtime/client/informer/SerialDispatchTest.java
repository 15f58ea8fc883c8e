package io.capstan.runtime.client.informer;

import static io.capstan.runtime.client.informer.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the real pool (4 threads) with writers on 4 threads of their own, each informer still calls
 * its handlers one at a time and in resourceVersion order, as the SPI promises, although no thread
 * belongs to it.
 */
class SerialDispatchTest {

  private final PooledTaskExecutor executor = new PooledTaskExecutor(4, Duration.ofSeconds(1));
  private final WallClock clock = new WallClock();
  private final FakeResourceClient<Pod> server = new FakeResourceClient<>(Pod.class, executor, clock);

  @AfterEach
  void close() throws Exception {
    executor.close();
  }

  @Test
  void handlersOfOneInformerAreCalledSeriallyInOrderOnThePool() throws Exception {
    DefaultSharedInformer<Pod> informer = new DefaultSharedInformer<>(Pod.class, server, executor,
        clock, InformerOptions.defaults());
    RecordingHandler first = new RecordingHandler();
    RecordingHandler second = new RecordingHandler();
    informer.addEventHandler(first);
    informer.addEventHandler(second);
    informer.start();
    informer.synced().get(10, TimeUnit.SECONDS);

    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String namespace = "ns" + w;
      Thread writer = new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          server.create(pod(namespace, "p" + i));
        }
      });
      writer.start();
      writers.add(writer);
    }
    for (Thread writer : writers) {
      writer.join();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> second.events().size() == 800);

    for (RecordingHandler handler : List.of(first, second)) {
      handler.assertNeverConcurrent();
      List<Long> versions = handler.objects().stream()
          .map(p -> Long.parseLong(p.getMetadata().getResourceVersion())).toList();
      assertThat(versions).as("watch order is resourceVersion order").isSorted().hasSize(800);
    }
    assertThat(informer.lister().list("ns3")).hasSize(200);
    informer.stop();
  }
}
