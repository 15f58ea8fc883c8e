package io.capstan.runtime.scheduler.testplugins;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Small scheduler plugins for the host's tests, standing in for the default plugins (which live in
 * plugins-scheduler): a priority queue sort, a fit-like filter, a taint filter, two scorers, a
 * binder through the FrameworkHandle, and recording Reserve/Permit plugins.
 */
public final class TestPlugins {

  private TestPlugins() {}

  /** A factory without arguments whose module binds a plugin built by {@code make}. */
  public static <P extends SchedulerPlugin> SchedulerPluginFactory<NoConfig> factory(String name,
      Class<P> type) {
    return new SchedulerPluginFactory<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<NoConfig> configType() {
        return NoConfig.class;
      }

      @Override
      public Module module(NoConfig config) {
        return new AbstractModule() {
          @Override
          protected void configure() {
            bind(SchedulerPlugin.class).to(type);
          }
        };
      }
    };
  }

  /** A factory with arguments of type {@code C}. */
  public static <C> SchedulerPluginFactory<C> factory(String name, Class<C> configType,
      Function<C, Module> module) {
    return new SchedulerPluginFactory<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<C> configType() {
        return configType;
      }

      @Override
      public Module module(C config) {
        return module.apply(config);
      }
    };
  }

  /** Every test plugin under the name it has in the default profile where it stands in for one. */
  public static Map<String, SchedulerPluginFactory<?>> registry() {
    Map<String, SchedulerPluginFactory<?>> r = new LinkedHashMap<>();
    r.put("PrioritySort", factory("PrioritySort", TestPrioritySort.class));
    r.put("NodeResourcesFit", factory("NodeResourcesFit", TestFit.class));
    r.put("TaintToleration", factory("TaintToleration", TestTaints.class));
    r.put("DefaultBinder", factory("DefaultBinder", TestBinder.class));
    r.put("LeastAllocatedCpu", factory("LeastAllocatedCpu", TestLeastAllocated.class));
    r.put("LabelCount", factory("LabelCount", TestLabelCount.class));
    r.put("RecordingReserveA", factory("RecordingReserveA", RecordingReserve.A.class));
    r.put("RecordingReserveB", factory("RecordingReserveB", RecordingReserve.B.class));
    r.put("FailingReserve", factory("FailingReserve", RecordingReserve.Failing.class));
    r.put("GatePermit", factory("GatePermit", GatePermit.Config.class, c -> new AbstractModule() {
      @Override
      protected void configure() {
        bind(GatePermit.Config.class).toInstance(c);
        bind(SchedulerPlugin.class).to(GatePermit.class);
      }
    }));
    return r;
  }
}
