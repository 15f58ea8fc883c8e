package io.capstan.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.client.http.HttpApiClient;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.tck.store.ReferenceStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out's wire watchers against a real API server: every watcher gets one sample for every
 * pod of its run, and a second run in the same namespace works alike.
 */
class WireWatchersFanOutTest {

  @TempDir Path dir;

  @Test
  void everyWatcherTimesEveryPodAndClosingEndsTheServersWatches() throws Exception {
    try (ReferenceStore store = ReferenceStore.create(); PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1))) {
      store.start();
      ApiServer server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, 100, Duration.ofMillis(200), null),
          dir, store, KindRegistry.builtIn(), List.of(), ObjectValidator.NONE, new WallClock(), executor, ApiExtensions.NONE,
          NonResourceEndpoints.NONE);
      server.start();
      try {
        URI url = URI.create(server.url());
        ApiWorkloads work = new ApiWorkloads(new HttpApiClient(url, Optional.empty(), KindRegistry.builtIn()), "default");

        List<Latencies> first = work.wireWatchFanOut(url, 3, 4, 50);
        List<Latencies> second = work.wireWatchFanOut(url, 2, 3, 50);

        assertThat(first).hasSize(3).allSatisfy(l -> assertThat(l.size()).isEqualTo(4));
        assertThat(second).hasSize(2).allSatisfy(l -> assertThat(l.size()).isEqualTo(3));
        assertThat(Latencies.percentileMillis(first, 0)).isPositive();
      } finally {
        server.close();
      }
    }
  }
}
