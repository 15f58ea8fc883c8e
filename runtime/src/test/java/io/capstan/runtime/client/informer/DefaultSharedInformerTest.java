package io.capstan.runtime.client.informer;

import static io.capstan.runtime.client.informer.Pods.onNode;
import static io.capstan.runtime.client.informer.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.capstan.spi.client.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What handlers and listers see: the initial sync, events in order, handlers joining late, resync
 * and stop, all on virtual time. The list/watch machinery under failures is {@link ReflectorTest}'s.
 */
class DefaultSharedInformerTest {

  private final InformerFixture fx = new InformerFixture();
  private final FakeResourceClient<Pod> server = fx.server;
  private final RecordingHandler handler = new RecordingHandler();

  private DefaultSharedInformer<Pod> synced(DefaultSharedInformer<Pod> informer) {
    informer.addEventHandler(handler);
    informer.start();
    fx.settle();
    assertThat(informer.hasSynced()).isTrue();
    return informer;
  }

  @Test
  void initialListIsDeliveredAsAddsBeforeTheInformerCountsAsSynced() {
    server.create(pod("b", "p2"));
    server.create(pod("a", "p1"));
    server.create(pod("a", "p3"));
    DefaultSharedInformer<Pod> informer = fx.informer();
    List<Boolean> syncedDuringAdds = new ArrayList<>();
    informer.addEventHandler(handler);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod object) {
        syncedDuringAdds.add(informer.hasSynced());
      }
    });

    informer.start();
    assertThat(informer.hasSynced()).isFalse();
    assertThat(informer.synced()).isNotDone();
    fx.settle();

    assertThat(handler.events()).containsExactly("add a/p1@3", "add a/p3@4", "add b/p2@2");
    assertThat(syncedDuringAdds).containsExactly(false, false, false);
    assertThat(informer.hasSynced()).isTrue();
    assertThat(informer.synced()).isCompleted();
    assertThat(informer.lastSyncResourceVersion()).isEqualTo("4");
    assertThat(informer.lister().list("a")).extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("p1", "p3");
    assertThat(informer.lister().list("")).hasSize(3);
    assertThat(informer.lister().get("b", "p2")).isPresent();
    assertThat(informer.lister().get("b", "p9")).isEmpty();
    assertThat(server.lists()).singleElement().satisfies(list -> {
      assertThat(list.options().resourceVersion()).as("a consistent read").isEmpty();
      assertThat(list.options().limit()).isEqualTo(InformerOptions.DEFAULT_PAGE_SIZE);
    });
    assertThat(server.watchRequests()).singleElement().satisfies(watch -> {
      assertThat(watch.options().resourceVersion()).isEqualTo("4");
      assertThat(watch.options().allowWatchBookmarks()).isTrue();
    });
  }

  @Test
  void anEmptyKindSyncsToo() {
    DefaultSharedInformer<Pod> informer = synced(fx.informer());

    assertThat(handler.events()).isEmpty();
    assertThat(informer.lastSyncResourceVersion()).isEqualTo("1");
  }

  @Test
  void watchEventsReachHandlersInOrderAfterTheCacheHasThem() {
    server.create(pod("a", "p1"));
    DefaultSharedInformer<Pod> informer = synced(fx.informer());
    handler.drain();
    List<String> seenByLister = new ArrayList<>();
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onDelete(Pod lastKnown, boolean finalStateUnknown) {
        seenByLister.add("p2 cached: " + informer.lister().get("a", "p2").isPresent());
      }
    });

    server.create(pod("a", "p2"));
    server.update(onNode(server.get("a", "p1").orElseThrow(), "n1"));
    server.delete("a", "p2");
    fx.settle();

    assertThat(handler.events())
        .containsExactly("add a/p2@3", "update a/p1 2->4", "delete a/p2@5");
    assertThat(seenByLister).containsExactly("p2 cached: false");
    assertThat(informer.lister().get("a", "p1").orElseThrow().getSpec().getNodeName())
        .isEqualTo("n1");
    assertThat(informer.lastSyncResourceVersion()).isEqualTo("5");
  }

  @Test
  void listerAndHandlersShareTheCachedInstances() {
    server.create(pod("a", "p1"));
    DefaultSharedInformer<Pod> informer = synced(fx.informer());

    assertThat(informer.lister().get("a", "p1").orElseThrow())
        .isSameAs(handler.objects().get(0))
        .isSameAs(informer.lister().list("a").get(0));
  }

  @Test
  void aHandlerAddedAfterSyncFirstGetsAnAddForEveryCachedObjectThenLiveEvents() {
    server.create(pod("a", "p1"));
    server.create(pod("a", "p2"));
    DefaultSharedInformer<Pod> informer = synced(fx.informer());
    RecordingHandler late = new RecordingHandler();

    informer.addEventHandler(late);
    server.create(pod("a", "p3"));
    fx.settle();

    assertThat(late.events()).hasSize(3).endsWith("add a/p3@4");
    assertThat(late.events().subList(0, 2)).containsExactlyInAnyOrder("add a/p1@2", "add a/p2@3");
    assertThat(handler.events()).containsExactly("add a/p1@2", "add a/p2@3", "add a/p3@4");
  }

  @Test
  void aHandlerAddedWhileTheInitialAddsAreStillQueuedSeesEachObjectOnce() {
    server.create(pod("a", "p1"));
    server.create(pod("a", "p2"));
    DefaultSharedInformer<Pod> informer = fx.informer();
    informer.addEventHandler(handler);
    informer.start();
    while (informer.lister().list("").isEmpty()) {
      fx.executor.runNextTask(); // up to the list landing in the cache, before any dispatch
    }
    assertThat(handler.events()).isEmpty();

    RecordingHandler joining = new RecordingHandler();
    informer.addEventHandler(joining);
    fx.settle();

    assertThat(handler.events()).containsExactly("add a/p1@2", "add a/p2@3");
    assertThat(joining.events()).containsExactlyInAnyOrder("add a/p1@2", "add a/p2@3");
  }

  @Test
  void addingTheSameHandlerTwiceRegistersItOnce() {
    server.create(pod("a", "p1"));
    DefaultSharedInformer<Pod> informer = synced(fx.informer());

    informer.addEventHandler(handler);
    fx.settle();

    assertThat(handler.events()).containsExactly("add a/p1@2");
  }

  @Test
  void aRemovedHandlerGetsNothingMore() {
    DefaultSharedInformer<Pod> informer = synced(fx.informer());

    informer.removeEventHandler(handler);
    informer.removeEventHandler(new RecordingHandler()); // unknown: no effect
    server.create(pod("a", "p1"));
    fx.settle();

    assertThat(handler.events()).isEmpty();
  }

  @Test
  void aFailingHandlerIsLoggedAndDispatchGoesOn() {
    server.create(pod("a", "p1"));
    DefaultSharedInformer<Pod> informer = fx.informer();
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod object) {
        throw new IllegalStateException("boom on " + object.getMetadata().getName());
      }
    });
    synced(informer);

    server.create(pod("a", "p2"));
    fx.settle();

    assertThat(handler.events()).containsExactly("add a/p1@2", "add a/p2@3");
  }

  @Test
  void indexesAddedBeforeStartFollowTheListAndTheWatch() {
    server.create(pod("a", "p1", "n1"));
    server.create(pod("a", "p2", "n2"));
    DefaultSharedInformer<Pod> informer = fx.informer();
    informer.addIndexer("node", pod -> pod.getSpec().getNodeName() == null ? List.of()
        : List.of(pod.getSpec().getNodeName()));
    synced(informer);

    server.update(onNode(server.get("a", "p2").orElseThrow(), "n1"));
    server.create(pod("b", "p3", "n2"));
    server.delete("a", "p1");
    fx.settle();

    assertThat(informer.lister().byIndex("node", "n1")).extracting(p -> p.getMetadata().getName())
        .containsExactly("p2");
    assertThat(informer.lister().byIndex("node", "n2")).extracting(p -> p.getMetadata().getName())
        .containsExactly("p3");
    assertThatIllegalStateException().isThrownBy(() -> informer.addIndexer("zone", p -> List.of()))
        .withMessageContaining("after it started");
  }

  @Test
  void periodicResyncRedeliversEveryCachedObjectAsAnUpdateOfItself() {
    server.create(pod("a", "p1"));
    server.create(pod("b", "p2"));
    DefaultSharedInformer<Pod> informer =
        synced(fx.informer(InformerOptions.defaults().withResyncPeriod(Duration.ofSeconds(30))));
    handler.drain();

    fx.advance(Duration.ofSeconds(29));
    assertThat(handler.events()).isEmpty();
    fx.advance(Duration.ofSeconds(1));
    assertThat(handler.events()).containsExactlyInAnyOrder("resync a/p1@2", "resync b/p2@3");
    assertThat(handler.objects()).contains(informer.lister().get("a", "p1").orElseThrow());
    fx.advance(Duration.ofSeconds(30));
    assertThat(handler.events()).hasSize(4);
  }

  @Test
  void withoutAResyncPeriodNothingIsRedelivered() {
    server.create(pod("a", "p1"));
    synced(fx.informer());
    handler.drain();

    fx.advance(Duration.ofHours(1));

    assertThat(handler.events()).isEmpty();
  }

  @Test
  void stopEndsTheWatchAndDeliveryButKeepsTheCacheReadable() {
    server.create(pod("a", "p1"));
    DefaultSharedInformer<Pod> informer =
        synced(fx.informer(InformerOptions.defaults().withResyncPeriod(Duration.ofMinutes(1))));
    assertThat(server.openWatches()).isEqualTo(1);

    informer.stop();
    informer.stop();
    server.create(pod("a", "p2"));
    fx.advance(Duration.ofMinutes(5));

    assertThat(handler.events()).containsExactly("add a/p1@2");
    assertThat(server.openWatches()).isZero();
    assertThat(fx.executor.pendingTasks()).as("no resync or retry left behind").isZero();
    assertThat(informer.lister().list("a")).hasSize(1);
    assertThat(informer.isStarted()).isFalse();
    assertThatIllegalStateException().isThrownBy(informer::start);
  }

  @Test
  void stoppingBeforeTheFirstListFailsTheSyncedFuture() {
    DefaultSharedInformer<Pod> informer = fx.informer();
    informer.start();
    informer.stop();
    fx.settle();

    assertThat(informer.hasSynced()).isFalse();
    assertThat(informer.synced()).isCompletedExceptionally();
    assertThat(server.lists()).as("the list task saw the stop and did nothing").isEmpty();
  }
}
