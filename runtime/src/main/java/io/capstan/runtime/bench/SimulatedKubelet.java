package io.capstan.runtime.bench;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.controllers.ControllerManager;
import io.capstan.runtime.controllers.ControllerManagerSettings;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in for the scheduler and the node agents, for benchmarks and end-to-end tests of
 * controllers in a build without them: every pod is bound to one of {@code nodes} simulated nodes
 * (round robin by name hash) and reported Running and Ready at once; pods marked for deletion are
 * removed at once (a zero-latency container runtime). It is itself a controller, run by its own
 * {@link ControllerManager} (no leader election) with 8 workers.
 */
public final class SimulatedKubelet implements AutoCloseable {

  private final ControllerManager manager;

  public SimulatedKubelet(ApiServer server, ApiClient client, Clock clock, TaskExecutor executor, int nodes) {
    requireNonNull(server, "server");
    Controller kubelet = new PodRunner(server, clock, nodes);
    manager = new ControllerManager(List.of(kubelet), client, new DefaultInformerFactory(client, executor, clock), true,
        clock, executor, ControllerManagerSettings.standalone().withResyncPeriod(Duration.ZERO).withWorkers("simulated-kubelet", 8));
    manager.start();
  }

  @Override
  public void close() {
    manager.close();
  }

  private static final class PodRunner implements Controller {
    private final ApiServer server;
    private final Clock clock;
    private final int nodes;

    PodRunner(ApiServer server, Clock clock, int nodes) {
      this.server = server;
      this.clock = clock;
      this.nodes = Math.max(1, nodes);
    }

    @Override
    public String name() {
      return "simulated-kubelet";
    }

    @Override
    public Class<? extends HasMetadata> primaryType() {
      return Pod.class;
    }

    @Override
    public Result reconcile(ObjectKey key, ControllerContext ctx) {
      Optional<Pod> cached = ctx.lister(Pod.class).get(key.namespace(), key.name());
      if (cached.isEmpty()) {
        return Result.done();
      }
      Pod pod = cached.get();
      try {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
          ctx.client().resources(Pod.class).delete(key.namespace(), key.name(),
              DeleteOptions.DEFAULTS.withGracePeriodSeconds(0).withPreconditionUid(pod.getMetadata().getUid()));
          return Result.done();
        }
        if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
          pod = bind(pod, "sim-node-" + Math.floorMod(key.name().hashCode(), nodes));
        }
        boolean running = pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
        if (!running) {
          String now = DateTimeFormatter.ISO_INSTANT.format(clock.now().truncatedTo(ChronoUnit.SECONDS));
          ctx.client().resources(Pod.class).updateStatus(new PodBuilder(pod).editOrNewStatus().withPhase("Running")
              .withStartTime(now).withConditions(List.of()).addNewCondition().withType("Ready").withStatus("True")
              .withLastTransitionTime(now).endCondition().addNewCondition().withType("PodScheduled").withStatus("True")
              .withLastTransitionTime(now).endCondition().endStatus().build());
        }
      } catch (NotFoundException | ConflictException raced) {
        return Result.done(); // deleted meanwhile, or its next event brings it back
      }
      return Result.done();
    }

    private Pod bind(Pod pod, String node) {
      var pods = server.api().kinds().byResource("", "pods").orElseThrow();
      return server.api().subresources().bind(ApiRequest.of(pods, pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(), UserInfo.of("system:kube-scheduler", UserInfo.GROUP_AUTHENTICATED))
          .withSubresource("binding"), new BindingBuilder().withNewMetadata().withName(pod.getMetadata().getName())
          .withNamespace(pod.getMetadata().getNamespace()).endMetadata().withNewTarget().withKind("Node").withName(node)
          .endTarget().build());
    }
  }
}
