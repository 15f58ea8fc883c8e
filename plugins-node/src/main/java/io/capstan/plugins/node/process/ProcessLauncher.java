package io.capstan.plugins.node.process;

import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerRuntimeException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link ContainerConfig} into a {@link ProcessBuilder} the way a container runtime turns
 * it into a process: {@code command} replaces the entrypoint and {@code args} follow it; with no
 * {@code command}, the image name is the executable (a process "image" has no filesystem or
 * entrypoint of its own). The environment is the container's own, not the agent's: a default
 * {@code PATH}, {@code HOSTNAME} and {@code HOME}, then the configured variables.
 */
final class ProcessLauncher {

  /** Declares the container's ports: {@code 8080,9090/UDP} (the agent copies them from the spec). */
  static final String PORTS_ANNOTATION = "process.capstan.io/ports";

  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private ProcessLauncher() {}

  /** The argv of the container's process. */
  static List<String> argv(String containerId, ContainerConfig config) {
    List<String> argv = new ArrayList<>();
    if (!config.command().isEmpty()) {
      argv.addAll(config.command());
    } else if (!config.image().isBlank()) {
      argv.add(config.image());
    } else {
      throw new ContainerRuntimeException("container " + containerId + " (" + config.name()
          + "): the process runtime needs a command, or an image naming an executable");
    }
    argv.addAll(config.args());
    return argv;
  }

  /** A builder for the container's process, its working directory resolved against the pod's. */
  static ProcessBuilder builder(String containerId, ContainerConfig config, String hostname, Path podWorkDir) {
    ProcessBuilder builder = new ProcessBuilder(argv(containerId, config));
    Path dir = config.workingDir().isEmpty() ? podWorkDir : podWorkDir.resolve(config.workingDir());
    if (!Files.isDirectory(dir)) {
      throw new ContainerRuntimeException("container " + containerId + " (" + config.name()
          + "): working directory " + dir + " does not exist on this host");
    }
    builder.directory(dir.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))); // no stdin, as by default in a pod
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", DEFAULT_PATH);
    env.put("HOSTNAME", hostname);
    env.put("HOME", System.getProperty("user.home"));
    env.putAll(config.env());
    return builder;
  }

  /** The ports a container declares in {@link #PORTS_ANNOTATION}, as {@code port/PROTO}. */
  static List<String> ports(String containerId, ContainerConfig config) {
    String text = config.annotations().getOrDefault(PORTS_ANNOTATION, "").trim();
    List<String> ports = new ArrayList<>();
    if (text.isEmpty()) {
      return ports;
    }
    for (String item : text.split(",")) {
      String[] parts = item.trim().split("/");
      String proto = parts.length > 1 ? parts[1].trim().toUpperCase(Locale.ROOT) : "TCP";
      try {
        int port = Integer.parseInt(parts[0].trim());
        if (port < 1 || port > 65535 || !(proto.equals("TCP") || proto.equals("UDP") || proto.equals("SCTP"))) {
          throw new NumberFormatException();
        }
        ports.add(port + "/" + proto);
      } catch (NumberFormatException e) {
        throw new ContainerRuntimeException("container " + containerId + ": bad port '" + item.trim()
            + "' in annotation " + PORTS_ANNOTATION + "; write e.g. 8080 or 53/UDP");
      }
    }
    return ports;
  }

  /**
   * Fails with a clear message when a declared TCP or UDP port cannot be bound on the host address
   * (containers of this runtime share the host's network, so the port must be free there).
   */
  static void checkPortsFree(String containerId, ContainerConfig config, String hostAddress) {
    for (String port : ports(containerId, config)) {
      int number = Integer.parseInt(port.substring(0, port.indexOf('/')));
      String proto = port.substring(port.indexOf('/') + 1);
      try {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(hostAddress), number);
        if (proto.equals("UDP")) {
          new DatagramSocket(address).close();
        } else if (proto.equals("TCP")) {
          try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
          }
        }
      } catch (IOException e) {
        throw new ContainerRuntimeException("container " + containerId + " (" + config.name() + "): port "
            + port + " is already in use on " + hostAddress + " (process containers share the host's"
            + " network; free the port or change containerPort)", e);
      }
    }
  }
}
