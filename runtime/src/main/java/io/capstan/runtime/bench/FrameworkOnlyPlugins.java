package io.capstan.runtime.bench;

import com.google.inject.AbstractModule;
import io.capstan.runtime.scheduler.cache.PodInfos;
import io.capstan.runtime.scheduler.profile.PluginRegistration;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.BindPlugin;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.QueueSortPlugin;
import io.capstan.spi.scheduler.QueuedPodInfo;
import io.capstan.spi.scheduler.Resource;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Minimal plugins for {@code capstan bench scheduler} in a build without plugins-scheduler, so the
 * framework, queue, cache and binding path can still be measured: a priority sort, a cpu/memory/pods
 * fit (PreFilter + Filter), a least-allocated score and a binder. The bench says when it uses them;
 * with the default plugins installed it uses Kubernetes' default profile instead.
 */
public final class FrameworkOnlyPlugins {

  private FrameworkOnlyPlugins() {}

  public static Map<String, PluginRegistration> registry() {
    Map<String, PluginRegistration> r = new LinkedHashMap<>();
    r.put("BenchSort", factory("BenchSort", Sort.class));
    r.put("BenchFit", factory("BenchFit", Fit.class));
    r.put("BenchLeastAllocated", factory("BenchLeastAllocated", LeastAllocated.class));
    r.put("BenchBinder", factory("BenchBinder", Binder.class));
    return r;
  }

  /** The profile that uses them. */
  public static final String PROFILE = """
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
      - schedulerName: default-scheduler
        plugins:
          multiPoint:
            disabled:
            - name: "*"
          queueSort:
            enabled: [{name: BenchSort}]
          preFilter:
            enabled: [{name: BenchFit}]
          filter:
            enabled: [{name: BenchFit}]
          score:
            enabled: [{name: BenchLeastAllocated, weight: 1}]
          bind:
            enabled: [{name: BenchBinder}]
      """;

  private static PluginRegistration factory(String name, Class<? extends SchedulerPlugin> type) {
    return new PluginRegistration(name, NoConfig.class, config -> new AbstractModule() {
      @Override
      protected void configure() {
        bind(SchedulerPlugin.class).to(type);
      }
    });
  }

  static final class Sort implements QueueSortPlugin {
    @Override
    public String name() {
      return "BenchSort";
    }

    @Override
    public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
      int pa = a.pod().getSpec().getPriority() == null ? 0 : a.pod().getSpec().getPriority();
      int pb = b.pod().getSpec().getPriority() == null ? 0 : b.pod().getSpec().getPriority();
      return pa > pb || (pa == pb && a.timestamp().isBefore(b.timestamp()));
    }
  }

  record Request(Resource resource) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  static final class Fit implements PreFilterPlugin, FilterPlugin, SignPlugin {
    static final CycleState.Key<Request> KEY = CycleState.key("PreFilterBenchFit", Request.class);

    @Override
    public String name() {
      return "BenchFit";
    }

    @Override
    public Optional<List<Object>> signPod(Pod pod) {
      return Optional.of(List.of(PodInfos.of(pod).requests()));
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
      state.write(KEY, new Request(PodInfos.of(pod).requests()));
      return PreFilterResult.allNodes();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
      Resource req = state.read(KEY).orElseThrow().resource();
      Resource used = node.requested();
      Resource cap = node.allocatable();
      if (used.allowedPodNumber() + 1 > cap.allowedPodNumber()) {
        return Status.unschedulable("Too many pods");
      }
      if (req.milliCpu() > cap.milliCpu() - used.milliCpu()) {
        return Status.unschedulable("Insufficient cpu");
      }
      if (req.memory() > cap.memory() - used.memory()) {
        return Status.unschedulable("Insufficient memory");
      }
      return Status.success();
    }
  }

  static final class LeastAllocated implements ScorePlugin, SignPlugin {
    @Override
    public String name() {
      return "BenchLeastAllocated";
    }

    @Override
    public Optional<List<Object>> signPod(Pod pod) {
      return Optional.of(List.of()); // the score reads only the node
    }

    @Override
    public ScoreResult score(CycleState state, Pod pod, NodeInfo node) {
      Resource cap = node.allocatable();
      Resource used = node.nonZeroRequested();
      long cpu = cap.milliCpu() == 0 || used.milliCpu() > cap.milliCpu() ? 0 : (cap.milliCpu() - used.milliCpu()) * 100 / cap.milliCpu();
      long mem = cap.memory() == 0 || used.memory() > cap.memory() ? 0 : (cap.memory() - used.memory()) * 100 / cap.memory();
      return ScoreResult.of((cpu + mem) / 2);
    }
  }

  static final class Binder implements BindPlugin {
    private final FrameworkHandle handle;

    @Inject
    Binder(FrameworkHandle handle) {
      this.handle = handle;
    }

    @Override
    public String name() {
      return "BenchBinder";
    }

    @Override
    public Status bind(CycleState state, Pod pod, String nodeName) {
      return handle.bind(pod, nodeName);
    }
  }
}
