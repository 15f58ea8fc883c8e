package io.capstan.runtime.cli;

import picocli.CommandLine.Command;
import io.capstan.runtime.CapstanVersion;
import picocli.CommandLine.Mixin;

/** The {@code capstan} command: a Kubernetes-style control plane assembled from plugins. */
@Command(
    name = "capstan",
    mixinStandardHelpOptions = true,
    versionProvider = CapstanVersion.class,
    description = "Capstan: build custom orchestrators from Kubernetes' control-plane parts, each a plugin.",
    subcommands = {UpCommand.class, NodeCommand.class, ControllerManagerCommand.class, PluginsCommand.class,
        ConfigCommand.class, io.capstan.runtime.bench.BenchCommand.class, ExplainCommand.class,
        io.capstan.runtime.research.SimCommand.class},
    footer = {"", "Configuration: capstan.yaml (--config), CAPSTAN_* environment variables, -Dcapstan.* properties, flags."})
public final class CapstanCommand implements Runnable {

  @Mixin GlobalOptions global = new GlobalOptions();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
