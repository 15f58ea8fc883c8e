package io.capstan.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl ({@code /usr/bin/kubectl}) against a control plane, with a fresh discovery and
 * HTTP cache per instance (kubectl caches discovery and the version answer for hours).
 */
final class Kubectl {

  static final Path BINARY = Path.of("/usr/bin/kubectl");

  /** The result of one invocation. */
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private final Path kubeconfig;
  private final Path cacheDir;
  private final Path home;

  Kubectl(Path kubeconfig, Path workDir) throws IOException {
    this.kubeconfig = kubeconfig;
    this.cacheDir = Files.createDirectories(workDir.resolve("kubectl-cache"));
    this.home = Files.createDirectories(workDir.resolve("kubectl-home"));
  }

  /** Skips (with how to get it) when kubectl is absent; CI machines have it. */
  static void requireKubectl() {
    boolean present = Files.isExecutable(BINARY);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("kubectl is required in CI at " + BINARY + " but is missing");
    }
    assumeTrue(present, "kubectl not found at " + BINARY + "; these end-to-end tests need the real kubectl");
  }

  Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDir);
    command.add("--request-timeout=20s");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HOME", home.toString());
    builder.environment().remove("KUBECONFIG");
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
