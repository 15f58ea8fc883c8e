package io.capstan.runtime.controllers;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A ConfigMap controller for host tests: records every reconcile (key, whether the lister saw the
 * object, the clock) and answers with a scripted result. Secrets are watched as a secondary kind,
 * mapped to the ConfigMap of the same name.
 */
final class ScriptedController implements Controller {

  record Call(ObjectKey key, boolean seen, long nanoTime) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final ConcurrentHashMap<ObjectKey, Integer> counts = new ConcurrentHashMap<>();
  volatile BiFunction<ObjectKey, Integer, Result> script = (key, n) -> Result.done();
  private final String name;
  private final int workers;

  ScriptedController(String name, int workers) {
    this.name = name;
    this.workers = workers;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Class<? extends HasMetadata> primaryType() {
    return ConfigMap.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(Secret.class, secret -> java.util.Set.of(ObjectKey.of(secret)));
    setup.index(ConfigMap.class, "by-team", cm -> Optional.ofNullable(cm.getMetadata().getLabels())
        .map(l -> l.get("team")).map(List::of).orElse(List.of()));
  }

  @Override
  public int defaultWorkers() {
    return workers;
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    boolean seen = ctx.lister(ConfigMap.class).get(key.namespace(), key.name()).isPresent();
    calls.add(new Call(key, seen, ctx.clock().nanoTime()));
    int n = counts.merge(key, 1, Integer::sum);
    return script.apply(key, n);
  }

  long callsFor(ObjectKey key) {
    return calls.stream().filter(c -> c.key().equals(key)).count();
  }
}
