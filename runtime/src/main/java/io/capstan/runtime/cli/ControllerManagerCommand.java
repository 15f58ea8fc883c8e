package io.capstan.runtime.cli;

import com.google.inject.Module;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.controllers.KubeconfigTarget;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code capstan controller-manager --kubeconfig FILE}: only the controller manager, against the API
 * server the kubeconfig names, electing a leader through a Lease so that several copies can run and
 * only one acts (kube-controller-manager's usual deployment).
 */
@Command(name = "controller-manager", mixinStandardHelpOptions = true,
    description = {"Run only the controller manager against a remote API server, with leader election."})
public final class ControllerManagerCommand implements Callable<Integer> {

  @ParentCommand CapstanCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--kubeconfig", paramLabel = "FILE", required = true,
      description = "kubeconfig whose current context names the API server (server URL and bearer token)")
  Path kubeconfig;

  @Option(names = "--controllers", paramLabel = "LIST", split = ",",
      description = "Controllers to run, kube-controller-manager style: '*' for all, -name to leave one out")
  java.util.List<String> controllers;

  @Option(names = "--leader-elect", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Elect a leader through a Lease before acting (default: true)")
  boolean leaderElect;

  /** The settings this command adds on top of the configuration. */
  static Map<String, String> flags(KubeconfigTarget target, java.util.List<String> controllers, boolean leaderElect) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("components", "controller-manager");
    flags.put("client.server", target.server());
    target.token().ifPresent(t -> flags.put("client.token", t));
    flags.put("controllers.leaderElection.enabled", String.valueOf(leaderElect));
    if (controllers != null && !controllers.isEmpty()) {
      flags.put("controllers.enabled", String.join(",", controllers));
    }
    return flags;
  }

  @Override
  public Integer call() throws InterruptedException {
    KubeconfigTarget target = KubeconfigTarget.read(kubeconfig);
    KernelPlan plan = KernelPlan.resolve(parent.global.inputs(flags(target, controllers, leaderElect)));
    PrintWriter out = spec.commandLine().getOut();
    Kernel kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kernel.close();
      stopped.countDown();
    }, "capstan-shutdown"));
    kernel.start();
    out.println("capstan controller-manager is up against " + target.server()
        + (leaderElect ? " (leader election through Lease kube-system/"
            + plan.config().get("controllers.leaderElection.leaseName").map(v -> String.valueOf(v.value()))
                .orElse("capstan-controller-manager") + ")" : "") + " (Ctrl-C or SIGTERM to stop)");
    out.flush();
    stopped.await();
    return 0;
  }
}
