package io.capstan.plugins.node.agent;

import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerFilter;
import io.capstan.spi.node.ContainerRuntime;
import io.capstan.spi.node.ContainerRuntimeEvents;
import io.capstan.spi.node.ContainerStatus;
import io.capstan.spi.node.LogOptions;
import io.capstan.spi.node.LogSink;
import io.capstan.spi.node.LogSubscription;
import io.capstan.spi.node.PodSandboxConfig;
import io.capstan.spi.node.PodSandboxStatus;
import io.capstan.spi.node.RuntimeCapabilities;
import io.capstan.spi.node.RuntimeVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A runtime that runs containers as the one it wraps but leaves every probe to the node agent
 * ({@link ContainerRuntime#probe} keeps its default, empty), as a CRI runtime does.
 */
final class ProbelessRuntime implements ContainerRuntime {

  private final ContainerRuntime delegate;

  ProbelessRuntime(ContainerRuntime delegate) {
    this.delegate = delegate;
  }

  @Override
  public void start() throws Exception {
    delegate.start();
  }

  @Override
  public void close() throws Exception {
    delegate.close();
  }

  @Override
  public RuntimeVersion version() {
    return delegate.version();
  }

  @Override
  public RuntimeCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public void setListener(ContainerRuntimeEvents listener) {
    delegate.setListener(listener);
  }

  @Override
  public String runPodSandbox(PodSandboxConfig config) {
    return delegate.runPodSandbox(config);
  }

  @Override
  public void stopPodSandbox(String sandboxId) {
    delegate.stopPodSandbox(sandboxId);
  }

  @Override
  public void removePodSandbox(String sandboxId) {
    delegate.removePodSandbox(sandboxId);
  }

  @Override
  public Optional<PodSandboxStatus> podSandboxStatus(String sandboxId) {
    return delegate.podSandboxStatus(sandboxId);
  }

  @Override
  public List<PodSandboxStatus> listPodSandboxes() {
    return delegate.listPodSandboxes();
  }

  @Override
  public String createContainer(String sandboxId, ContainerConfig config) {
    return delegate.createContainer(sandboxId, config);
  }

  @Override
  public void startContainer(String containerId) {
    delegate.startContainer(containerId);
  }

  @Override
  public void stopContainer(String containerId, Duration timeout) {
    delegate.stopContainer(containerId, timeout);
  }

  @Override
  public void removeContainer(String containerId) {
    delegate.removeContainer(containerId);
  }

  @Override
  public List<ContainerStatus> listContainers(ContainerFilter filter) {
    return delegate.listContainers(filter);
  }

  @Override
  public Optional<ContainerStatus> containerStatus(String containerId) {
    return delegate.containerStatus(containerId);
  }

  @Override
  public LogSubscription readLogs(String containerId, LogOptions options, LogSink sink) {
    return delegate.readLogs(containerId, options, sink);
  }
}
