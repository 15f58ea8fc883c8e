package io.capstan.plugins.proxy.ipvs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Runs {@code command} with {@code stdin}; a missing binary is exit code 127. Input and output go
   * through temporary files, so no pipe can fill up and no reader thread is needed.
   */
  Outcome run(List<String> command, String stdin) throws InterruptedException {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    Path in = null;
    Path out = null;
    Path err = null;
    try {
      in = Files.createTempFile("capstan-ipvs-in", ".txt");
      out = Files.createTempFile("capstan-ipvs-out", ".txt");
      err = Files.createTempFile("capstan-ipvs-err", ".txt");
      Files.writeString(in, stdin);
      Process process;
      try {
        process = new ProcessBuilder(full).redirectInput(in.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      } catch (IOException e) {
        return new Outcome(127, "", command.get(0) + ": " + e.getMessage());
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Outcome(124, "", String.join(" ", full) + ": timed out");
      }
      return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      return new Outcome(126, "", String.join(" ", full) + ": " + e.getMessage());
    } finally {
      for (Path file : new Path[] {in, out, err}) {
        if (file != null) {
          try {
            Files.deleteIfExists(file);
          } catch (IOException ignored) {
            // a temp file left behind is harmless
          }
        }
      }
    }
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
}
