package io.capstan.runtime.client.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.apiserver.admission.AdmissionChain;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.resource.NameGenerator;
import io.capstan.runtime.apiserver.resource.ObjectStrategy;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.storage.ObjectCodec;
import io.capstan.runtime.apiserver.storage.ObjectStorage;
import io.capstan.runtime.apiserver.watch.WatchCaches;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.client.Watch;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessApiClientTest {

  private final ReferenceStore store = ReferenceStore.create();
  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private final WatchCaches caches;
  private final ApiClient client;

  InProcessApiClientTest() {
    store.start();
    ObjectCodec codec = new ObjectCodec();
    caches = new WatchCaches(store, codec, 1000, executor, Duration.ofSeconds(30));
    ResourceApi api = ResourceApi.create(KindRegistry.builtIn(), new ObjectStorage(store, codec), caches,
        new AdmissionChain(List.of(), ObjectValidator.NONE),
        new ObjectStrategy(Instant::now, () -> java.util.UUID.randomUUID().toString(), new NameGenerator(new Random(1))));
    client = new InProcessApiClient(api, UserInfo.of("test"), executor, Optional.empty());
  }

  @AfterEach
  void close() throws Exception {
    caches.close();
    store.close();
    executor.close();
  }

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata().addToData("v", value).build();
  }

  @Test
  void crudWithoutHttpReturnsObjectsTheCallerOwns() {
    ResourceClient<ConfigMap> maps = client.resources(ConfigMap.class);
    ConfigMap input = configMap("a", "1");
    ConfigMap created = maps.create(input);
    assertThat(input.getMetadata().getUid()).as("the input is not modified").isNull();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    ConfigMap fetched = maps.get("default", "a").orElseThrow();
    fetched.getData().put("v", "2");
    assertThat(maps.update(fetched).getData()).containsEntry("v", "2");
    assertThatThrownBy(() -> maps.update(created)).isInstanceOf(ConflictException.class);
    assertThat(maps.list(ListOptions.inNamespace("default")).items()).hasSize(1);
    maps.delete("default", "a");
    assertThat(maps.get("default", "a")).isEmpty();
  }

  @Test
  void aHandedOverObjectIsCreatedLikeAnyOther() {
    ResourceClient<ConfigMap> maps = client.resources(ConfigMap.class);
    maps.createHandedOver(configMap("handed", "1"));
    ConfigMap stored = maps.get("default", "handed").orElseThrow();
    assertThat(stored.getData()).containsEntry("v", "1");
    assertThat(stored.getMetadata().getUid()).isNotBlank();
    assertThatThrownBy(() -> maps.createHandedOver(configMap("handed", "2"))).isInstanceOf(AlreadyExistsException.class);
    assertThat(maps.get("default", "handed").orElseThrow().getData()).containsEntry("v", "1");
  }

  @Test
  void manyWritersWithResourceVersionsNeverLoseAnUpdate() throws Exception {
    ResourceClient<ConfigMap> maps = client.resources(ConfigMap.class);
    maps.create(configMap("counter", "0"));
    ExecutorService writers = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new java.util.ArrayList<>();
    for (int w = 0; w < 8; w++) {
      done.add(writers.submit(() -> {
        for (int i = 0; i < 25; i++) {
          while (true) {
            ConfigMap current = maps.get("default", "counter").orElseThrow();
            current.getData().put("v", Integer.toString(Integer.parseInt(current.getData().get("v")) + 1));
            try {
              maps.update(current);
              break;
            } catch (ConflictException lost) {
              // someone else won this round: read again
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    writers.shutdown();
    assertThat(maps.get("default", "counter").orElseThrow().getData()).containsEntry("v", "200");
  }

  @Test
  void watchDeliversEveryChangeInOrderOnItsOwnDispatchSequence() {
    ResourceClient<ConfigMap> maps = client.resources(ConfigMap.class);
    String version = maps.list(ListOptions.inNamespace("default")).resourceVersion();
    List<String> seen = new CopyOnWriteArrayList<>();
    Watch watch = maps.watch(ListOptions.inNamespace("default").withResourceVersion(version),
        (type, object) -> seen.add(type + " " + object.getMetadata().getName() + " " + object.getData().get("v")));
    for (int i = 0; i < 20; i++) {
      maps.create(configMap("m" + i, "0"));
    }
    maps.delete("default", "m3");
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 21);
    assertThat(seen.get(0)).isEqualTo("ADDED m0 0");
    assertThat(seen.get(20)).isEqualTo("DELETED m3 0");
    assertThat(seen.stream().filter(s -> s.startsWith("ADDED")).toList()).hasSize(20);
    watch.close();
  }
}
