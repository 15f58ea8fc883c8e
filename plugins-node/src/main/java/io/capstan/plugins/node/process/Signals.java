package io.capstan.plugins.node.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Signals to a container's process tree, as a runtime stops the whole container and not only its
 * first process: descendants first (so a shell waiting on a child sees it end), then the process.
 */
final class Signals {

  private Signals() {}

  /** SIGTERM to the process and its descendants. */
  static void terminate(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }

  /** SIGKILL to the process and its descendants. */
  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * Stops processes as the runtime closes: SIGTERM, then SIGKILL to whatever still runs after
   * {@code grace}; waits (this blocks, as {@code close} may) until they are gone or a second passed.
   */
  static void stopAll(List<Process> processes, Duration grace) throws InterruptedException {
    if (processes.isEmpty()) {
      return;
    }
    processes.forEach(Signals::terminate);
    if (!awaitAll(processes, grace)) {
      processes.stream().filter(Process::isAlive).forEach(Signals::kill);
      awaitAll(processes, Duration.ofSeconds(1));
    }
  }

  private static boolean awaitAll(List<Process> processes, Duration timeout) throws InterruptedException {
    CompletableFuture<?>[] exits = processes.stream().map(Process::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }
}
