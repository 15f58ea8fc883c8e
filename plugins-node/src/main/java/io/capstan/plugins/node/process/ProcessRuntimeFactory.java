package io.capstan.plugins.node.process;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.node.ContainerRuntimeFactory;

/**
 * The {@code process} container runtime ({@code node.runtime: process}), registered in
 * {@code META-INF/services/io.capstan.spi.node.ContainerRuntimeFactory}.
 */
public final class ProcessRuntimeFactory implements ContainerRuntimeFactory<ProcessRuntimeConfig> {

  /** The name selected by {@code node.runtime: process}. */
  public static final String NAME = "process";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Containers as local processes: CRI-format rotated logs, SIGTERM then SIGKILL, host network";
  }

  @Override
  public Class<ProcessRuntimeConfig> configType() {
    return ProcessRuntimeConfig.class;
  }

  @Override
  public Module module(ProcessRuntimeConfig config) {
    return new ProcessRuntimeModule(requireNonNull(config, "config"));
  }
}
