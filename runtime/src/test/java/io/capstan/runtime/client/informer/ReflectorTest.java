package io.capstan.runtime.client.informer;

import static io.capstan.runtime.client.informer.InformerFixture.millis;
import static io.capstan.runtime.client.informer.Pods.onNode;
import static io.capstan.runtime.client.informer.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ListOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The list/watch cycle under pagination, dropped connections, compaction and errors, checked
 * against what client-go's {@code reflector.go} does, on virtual time so every retry happens at an
 * exact instant.
 */
class ReflectorTest {

  private final InformerFixture fx = new InformerFixture();
  private final FakeResourceClient<Pod> server = fx.server;
  private final RecordingHandler handler = new RecordingHandler();

  private DefaultSharedInformer<Pod> start(DefaultSharedInformer<Pod> informer) {
    informer.addEventHandler(handler);
    informer.start();
    fx.settle();
    return informer;
  }

  private static ApiException serverError() {
    return new ApiException(new StatusBuilder().withCode(500).withReason("InternalError")
        .withMessage("etcd is sulking").build());
  }

  @Test
  void listsPageByPageFromOneSnapshotThenWatchesFromItsVersion() {
    for (int i = 0; i < 25; i++) {
      server.create(pod("a", String.format("p%02d", i)));
    }
    DefaultSharedInformer<Pod> informer = fx.informer(InformerOptions.defaults().withPageSize(10));
    informer.addEventHandler(handler);
    informer.start();
    while (server.lists().isEmpty()) {
      fx.executor.runNextTask();
    }
    server.create(pod("a", "p99")); // between pages: not in the snapshot, arrives by watch

    fx.settle();

    assertThat(server.lists()).extracting(list -> list.options().continueToken())
        .containsExactly("", "snap0:10", "snap0:20");
    assertThat(server.lists()).allSatisfy(list -> assertThat(list.options().limit()).isEqualTo(10));
    assertThat(server.watchRequests()).singleElement()
        .satisfies(watch -> assertThat(watch.options().resourceVersion()).isEqualTo("26"));
    assertThat(handler.events()).hasSize(26).startsWith("add a/p00@2").endsWith("add a/p99@27");
    assertThat(informer.lister().list("a")).hasSize(26);
    assertThat(informer.hasSynced()).isTrue();
  }

  @Test
  void anExpiredContinueTokenFallsBackToOneFullList() {
    for (int i = 0; i < 25; i++) {
      server.create(pod("a", String.format("p%02d", i)));
    }
    DefaultSharedInformer<Pod> informer = fx.informer(InformerOptions.defaults().withPageSize(10));
    informer.addEventHandler(handler);
    informer.start();
    while (server.lists().isEmpty()) {
      fx.executor.runNextTask();
    }
    server.create(pod("a", "late"));
    server.compact();

    fx.settle();

    assertThat(server.lists()).extracting(list -> list.options().limit() + " '"
        + list.options().continueToken() + "'")
        .containsExactly("10 ''", "10 'snap0:10'", "0 ''");
    assertThat(informer.lister().list("a")).hasSize(26);
    assertThat(handler.events()).hasSize(26).doesNotHaveDuplicates();
    assertThat(informer.hasSynced()).isTrue();
  }

  @Test
  void afterGoneTheRelistIsDiffedAgainstTheCacheWithFinalStateUnknownDeletes() {
    server.create(pod("a", "a"));
    server.create(pod("a", "b"));
    server.create(pod("a", "c"));
    DefaultSharedInformer<Pod> informer = start(fx.informer());
    handler.drain();

    server.dropConnections(); // the DELETED of b below is never seen by a watch
    server.delete("a", "b");
    server.update(onNode(server.get("a", "a").orElseThrow(), "n1"));
    server.create(pod("a", "d"));
    server.compact();
    fx.settle();
    fx.advance(Duration.ofMillis(800)); // re-watch from "4": 410 Gone
    assertThat(server.lists()).hasSize(1);
    fx.advance(Duration.ofMillis(1600)); // the relist, after the next back-off step

    assertThat(handler.events())
        .containsExactly("update a/a 2->6", "add a/d@7", "delete a/b@3 unknown");
    assertThat(server.lists()).extracting(InformerFixture::millis).containsExactly(0L, 2400L);
    assertThat(server.watchRequests()).extracting(w -> w.options().resourceVersion())
        .containsExactly("4", "4", "7");
    assertThat(informer.lister().list("a")).extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("a", "c", "d");
    assertThat(informer.lastSyncResourceVersion()).isEqualTo("7");
  }

  @Test
  void aWatchClosedWithGoneRelistsAfterTheBackOff() {
    server.create(pod("a", "a"));
    start(fx.informer());
    handler.drain();

    server.expireWatches();
    fx.settle();
    fx.advance(Duration.ofMillis(799));
    assertThat(server.lists()).hasSize(1);
    fx.advance(Duration.ofMillis(1));

    assertThat(server.lists()).hasSize(2);
    assertThat(handler.events()).as("nothing changed, so the relist reports nothing").isEmpty();
    assertThat(server.openWatches()).isEqualTo(1);
  }

  @Test
  void aDroppedWatchResumesFromTheLastSeenVersionWithoutDuplicatesOrRelist() {
    server.create(pod("a", "x"));
    DefaultSharedInformer<Pod> informer = start(fx.informer());
    server.create(pod("a", "y"));
    fx.settle();

    server.dropConnections();
    server.create(pod("a", "z")); // while no watch is open
    fx.settle();
    fx.advance(Duration.ofMillis(800));
    server.create(pod("a", "w"));
    fx.settle();

    assertThat(handler.events()).containsExactly("add a/x@2", "add a/y@3", "add a/z@4", "add a/w@5");
    assertThat(server.watchRequests()).extracting(w -> w.options().resourceVersion())
        .containsExactly("2", "3");
    assertThat(server.lists()).hasSize(1);
    assertThat(informer.lastSyncResourceVersion()).isEqualTo("5");
    handler.assertNeverConcurrent();
  }

  @Test
  void aCleanlyEndedWatchIsReopenedAtOnceUnlessItEndedTooSoon() {
    start(fx.informer());
    fx.advance(Duration.ofSeconds(5));

    server.closeWatches(Optional.empty()); // lived 5 s: re-watch now
    fx.settle();
    server.closeWatches(Optional.empty()); // lived 0 s, no events: back off
    fx.settle();
    fx.advance(Duration.ofMillis(800));
    server.closeWatches(Optional.empty());
    fx.settle();
    fx.advance(Duration.ofMillis(1600));

    assertThat(server.watchRequests()).extracting(InformerFixture::millis)
        .containsExactly(0L, 5000L, 5800L, 7400L);
    assertThat(server.lists()).hasSize(1);
    server.create(pod("a", "p"));
    fx.settle();
    assertThat(handler.events()).containsExactly("add a/p@2");
  }

  @Test
  void bookmarksMoveTheResumeVersionPastChangesTheInformerDoesNotWatch() {
    server.create(pod("a", "p1"));
    DefaultSharedInformer<Pod> informer =
        start(fx.informer(InformerOptions.defaults(), ListOptions.inNamespace("a")));
    server.create(pod("b", "q1"));
    server.create(pod("b", "q2"));
    fx.settle();
    assertThat(informer.lastSyncResourceVersion()).isEqualTo("2");

    server.bookmark();
    fx.settle();
    assertThat(informer.lastSyncResourceVersion()).isEqualTo("4");
    server.compact(); // "2" is gone now; "4" is not
    server.dropConnections();
    fx.settle();
    fx.advance(Duration.ofMillis(800));
    server.create(pod("a", "p2"));
    fx.settle();

    assertThat(server.watchRequests()).extracting(w -> w.options().resourceVersion())
        .containsExactly("2", "4");
    assertThat(server.lists()).as("no relist needed").hasSize(1);
    assertThat(handler.events()).containsExactly("add a/p1@2", "add a/p2@5");
  }

  @Test
  void failedListsBackOffExponentiallyAndTheBackOffResetsAfterAHealthyPeriod() {
    server.failNextList(serverError());
    server.failNextList(serverError());
    server.failNextList(serverError());
    DefaultSharedInformer<Pod> informer = start(fx.informer());
    fx.advance(Duration.ofSeconds(10));

    assertThat(server.lists()).extracting(InformerFixture::millis)
        .containsExactly(0L, 800L, 2400L, 5600L);
    assertThat(informer.hasSynced()).isTrue();

    fx.advance(Duration.ofMinutes(3));
    server.dropConnections();
    fx.settle();
    fx.advance(Duration.ofSeconds(1));
    assertThat(millis(server.watchRequests().get(1)) - 190_000L)
        .as("back at the initial 800 ms after 3 healthy minutes").isEqualTo(800L);
  }

  @Test
  void aWatchThatCannotOpenIsRetriedFromTheSameVersionWithoutRelisting() {
    server.create(pod("a", "p1"));
    server.failNextWatch(serverError());
    start(fx.informer());
    server.create(pod("a", "p2"));

    fx.advance(Duration.ofMillis(800));

    assertThat(server.watchRequests()).extracting(w -> millis(w) + "ms@" + w.options().resourceVersion())
        .containsExactly("0ms@2", "800ms@2");
    assertThat(server.lists()).hasSize(1);
    assertThat(handler.events()).containsExactly("add a/p1@2", "add a/p2@3");
  }
}
