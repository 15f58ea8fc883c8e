package io.capstan.plugins.proxy.ipvs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system tools ({@code ipvsadm}, {@code ipset}, {@code iptables}, {@code ip}), each
 * prefixed with a configurable command ({@code ip netns exec NAME} in tests), feeding stdin and
 * collecting stdout and stderr.
 */
final class Commands {

  /** What one run produced. */
  record Outcome(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private static final long TIMEOUT_SECONDS = 60;

  private final List<String> prefix;

  Commands(List<String> prefix) {
    this.prefix = List.copyOf(requireNonNull(prefix, "prefix"));
  }

  /** Runs {@code command} with {@code stdin}; a missing binary is exit code 127. */
  Outcome run(List<String> command, String stdin) throws InterruptedException {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    Process process;
    try {
      process = new ProcessBuilder(full).start();
    } catch (IOException e) {
      return new Outcome(127, "", command.get(0) + ": " + e.getMessage());
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the tool exited without reading its input; its exit code and stderr say why
    }
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Outcome(124, "", String.join(" ", full) + ": timed out");
    }
    return new Outcome(process.exitValue(), out.join(), err.join());
  }

  /** Runs {@code command} and fails with its stderr unless it exits 0. */
  String require(List<String> command, String stdin) throws IOException, InterruptedException {
    Outcome outcome = run(command, stdin);
    if (!outcome.ok()) {
      throw new IOException(String.join(" ", command) + " failed (exit " + outcome.exitCode()
          + "): " + outcome.stderr().strip());
    }
    return outcome.stdout();
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }
}
