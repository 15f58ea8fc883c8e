package io.capstan.runtime.client.informer;

import static io.capstan.runtime.client.informer.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.client.SharedInformer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One shared informer per kind, started and stopped together, on virtual time. */
class DefaultInformerFactoryTest {

  private final InformerFixture fx = new InformerFixture();
  private final FakeResourceClient<Node> nodes =
      new FakeResourceClient<>(Node.class, fx.executor, fx.clock);
  private final ApiClient client = new ApiClient() {
    @Override
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> ResourceClient<T> resources(Class<T> type) {
      if (type == Pod.class) {
        return (ResourceClient<T>) fx.server;
      }
      if (type == Node.class) {
        return (ResourceClient<T>) nodes;
      }
      throw new IllegalArgumentException("the API server does not serve " + type.getName());
    }
  };
  private final DefaultInformerFactory factory =
      new DefaultInformerFactory(client, fx.executor, fx.clock);

  @Test
  void handsOutOneInformerPerKind() {
    SharedInformer<Pod> pods = factory.sharedInformer(Pod.class);

    assertThat(factory.sharedInformer(Pod.class)).isSameAs(pods);
    assertThat(factory.informer(Pod.class)).isSameAs(pods);
    assertThat(pods.type()).isEqualTo(Pod.class);
    assertThat(factory.types()).containsExactly(Pod.class);
    assertThatIllegalArgumentException().isThrownBy(() -> factory.sharedInformer(
        io.fabric8.kubernetes.api.model.Service.class)).withMessageContaining("does not serve");
  }

  @Test
  void startStartsEveryInformerAndLaterOnesAtOnce() {
    fx.server.create(pod("a", "p1"));
    nodes.create(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build());
    SharedInformer<Pod> pods = factory.sharedInformer(Pod.class);
    factory.informer(Pod.class).addIndexer("node", p -> List.of());
    assertThat(factory.hasSynced()).as("nothing listed before start").isFalse();

    factory.start();
    factory.start();
    fx.settle();
    assertThat(pods.hasSynced()).isTrue();
    assertThat(factory.hasSynced()).isTrue();
    assertThat(factory.synced()).isCompleted();

    SharedInformer<Node> nodeInformer = factory.sharedInformer(Node.class);
    assertThat(factory.hasSynced()).isFalse();
    fx.settle();

    assertThat(nodeInformer.lister().get("", "n1")).isPresent();
    assertThat(factory.hasSynced()).isTrue();
    assertThat(factory.types()).containsExactlyInAnyOrder(Pod.class, Node.class);
    assertThatIllegalStateException().isThrownBy(() -> pods.addIndexer("late", p -> List.of()));
  }

  @Test
  void stopStopsEveryInformerForGood() {
    SharedInformer<Pod> pods = factory.sharedInformer(Pod.class);
    factory.start();
    fx.settle();
    RecordingHandler handler = new RecordingHandler();
    pods.addEventHandler(handler);

    factory.stop();
    factory.stop();
    fx.server.create(pod("a", "p1"));
    fx.settle();

    assertThat(handler.events()).isEmpty();
    assertThat(fx.server.openWatches()).isZero();
    assertThatIllegalStateException().isThrownBy(factory::start);
    SharedInformer<Node> afterStop = factory.sharedInformer(Node.class);
    fx.settle();
    assertThat(afterStop.hasSynced()).as("not started by a stopped factory").isFalse();
    assertThat(nodes.lists()).isEmpty();
  }

  @Test
  void kindsHeldAsGenericResourcesGetOneInformerEachUntilReleased() {
    FakeResourceClient<io.fabric8.kubernetes.api.model.GenericKubernetesResource> gadgets =
        new FakeResourceClient<>(io.fabric8.kubernetes.api.model.GenericKubernetesResource.class, fx.executor, fx.clock);
    FakeResourceClient<io.fabric8.kubernetes.api.model.GenericKubernetesResource> widgets =
        new FakeResourceClient<>(io.fabric8.kubernetes.api.model.GenericKubernetesResource.class, fx.executor, fx.clock);
    io.capstan.spi.api.ResourceKind gadget = io.capstan.spi.api.ResourceKind.of("toys.example.com", "v1", "Gadget",
        "gadgets", true, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
    io.capstan.spi.api.ResourceKind widget = io.capstan.spi.api.ResourceKind.of("toys.example.com", "v1", "Widget",
        "widgets", true, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
    ApiClient byKind = new ApiClient() {
      @Override
      public <T extends HasMetadata> ResourceClient<T> resources(Class<T> type) {
        return client.resources(type);
      }

      @Override
      public ResourceClient<? extends HasMetadata> resources(io.capstan.spi.api.ResourceKind kind) {
        return kind.plural().equals("gadgets") ? gadgets : widgets;
      }
    };
    DefaultInformerFactory generic = new DefaultInformerFactory(byKind, fx.executor, fx.clock);
    gadgets.create(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
        .withApiVersion("toys.example.com/v1").withKind("Gadget")
        .withNewMetadata().withNamespace("default").withName("g1").endMetadata().build());

    SharedInformer<? extends HasMetadata> gadgetInformer = generic.sharedInformer(gadget);
    assertThat(generic.sharedInformer(gadget)).isSameAs(gadgetInformer);
    assertThat(generic.sharedInformer(widget)).isNotSameAs(gadgetInformer);
    assertThat(generic.sharedInformer(io.capstan.spi.api.ResourceKind.of("", "v1", "Pod", "pods", true, Pod.class)))
        .as("a kind with a class of its own shares the class's informer").isSameAs(generic.sharedInformer(Pod.class));
    generic.start();
    fx.settle();

    assertThat(gadgetInformer.lister().get("default", "g1")).isPresent();
    assertThat(generic.types()).containsExactly(Pod.class);

    generic.release(gadget);
    gadgets.create(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
        .withApiVersion("toys.example.com/v1").withKind("Gadget")
        .withNewMetadata().withNamespace("default").withName("g2").endMetadata().build());
    fx.settle();
    assertThat(gadgetInformer.lister().get("default", "g2")).as("a released informer is stopped").isEmpty();
    SharedInformer<? extends HasMetadata> fresh = generic.sharedInformer(gadget);
    assertThat(fresh).isNotSameAs(gadgetInformer);
    fx.settle();
    assertThat(fresh.lister().get("default", "g2")).as("a later request starts a fresh one").isPresent();
  }
}
