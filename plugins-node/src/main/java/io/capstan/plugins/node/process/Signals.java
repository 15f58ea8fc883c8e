package io.capstan.plugins.node.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Signals to a container's processes as a container runtime sends them: the stop signal (SIGTERM)
 * goes to the container's main process only, as to a container's PID 1, which may forward it or
 * trap it; SIGKILL goes to the whole tree, as the kill of a container's cgroup.
 */
final class Signals {

  private Signals() {}

  /** SIGTERM to the main process; returns its descendants as they were, to kill once it exits. */
  static List<ProcessHandle> terminate(Process process) {
    List<ProcessHandle> tree = process.descendants().toList();
    process.toHandle().destroy(); // not Process.destroy(): that also closes the output pipes
    return tree;
  }

  /** SIGKILL to the process and its descendants. */
  static void kill(Process process) {
    // the main process first, so it cannot see its children die and exit by itself in between
    List<ProcessHandle> tree = process.descendants().toList();
    process.toHandle().destroyForcibly(); // not Process.destroyForcibly(): keeps the output pipes open
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Stops processes as the runtime closes: SIGTERM, then SIGKILL to whatever still runs after
   * {@code grace}; waits (this blocks, as {@code close} may) until they are gone or a second passed.
   */
  static void stopAll(List<Process> processes, Duration grace) throws InterruptedException {
    if (processes.isEmpty()) {
      return;
    }
    List<ProcessHandle> trees = processes.stream().flatMap(p -> terminate(p).stream()).toList();
    if (!awaitAll(processes, grace)) {
      processes.stream().filter(Process::isAlive).forEach(Signals::kill);
      awaitAll(processes, Duration.ofSeconds(1));
    }
    trees.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
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
