package io.capstan.plugins.ingress.nginx;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.ingress.tls.CertificateSelection;
import io.capstan.plugins.ingress.tls.CertificateSelector;
import io.capstan.plugins.ingress.tls.FakeCertificate;
import io.capstan.plugins.ingress.tls.ServedCertificate;
import io.capstan.spi.ingress.IngressClasses;
import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressState;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nginx} ingress controller: renders nginx.conf from the state
 * ({@link NginxConfRenderer}), tests it with {@code nginx -t} and only then puts it in place and
 * starts nginx (a child process it supervises, {@code daemon off}) or reloads it with
 * {@code nginx -s reload}. A configuration nginx rejects is never applied: the sync fails with
 * nginx's message and the previous configuration keeps serving.
 *
 * <p>TLS: every server also listens on {@code httpsPort} with {@code ssl}; each host's certificate
 * (its {@code spec.tls} Secret, else the default fake certificate) is written as one PEM file
 * (chain and key, mode 600) under {@code workDir/ssl}, named by the hash of its content, so a
 * changed Secret is a changed nginx.conf and a reload. Files no longer referenced are removed after
 * the next successful apply.
 */
public final class NginxIngressController implements IngressController {

  private static final Logger LOG = LoggerFactory.getLogger(NginxIngressController.class);

  private final NginxIngressConfig config;
  private final Path workDir;
  private final Path conf;
  private String binary;
  private Process nginx;
  private String applied = "";
  private CertificateSelector certificates;
  private final java.net.http.HttpClient probe = java.net.http.HttpClient.newBuilder()
      .connectTimeout(java.time.Duration.ofSeconds(1)).build();

  @Inject
  public NginxIngressController(NginxIngressConfig config) {
    this.config = requireNonNull(config, "config");
    this.workDir = Path.of(config.workDir()).toAbsolutePath();
    this.conf = workDir.resolve("nginx.conf");
  }

  @Override
  public String controllerValue() {
    return IngressClasses.NGINX_CONTROLLER;
  }

  /**
   * Nothing to do yet: nginx is found and started on the first {@link #sync}, so a process that
   * has the plugin selected but does not run the {@code ingress} component never starts nginx.
   */
  @Override
  public void start() {}

  @Override
  public synchronized void sync(IngressState state) throws Exception {
    requireNonNull(state, "state");
    if (binary == null) {
      binary = resolveBinary(config.binary());
      Files.createDirectories(workDir);
    }
    if (certificates == null) {
      certificates = new CertificateSelector(FakeCertificate.get());
    }
    NginxConfRenderer.TlsFiles files = writeCertificates(certificates.select(state));
    String text = NginxConfRenderer.render(state, config.bindAddress(), config.httpPort(), workDir, files);
    if (text.equals(applied) && nginx != null && nginx.isAlive()) {
      return;
    }
    Path candidate = workDir.resolve("nginx.conf.candidate");
    Files.writeString(candidate, text);
    CommandResult test = run(List.of(binary, "-t", "-q", "-p", workDir + "/", "-e", workDir + "/error.log",
        "-c", candidate.toString()));
    if (test.exitCode() != 0) {
      throw new IOException("nginx refused the generated configuration (kept the previous one): " + test.output().trim());
    }
    Files.move(candidate, conf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    if (nginx == null || !nginx.isAlive()) {
      nginx = new ProcessBuilder(binary, "-p", workDir + "/", "-e", workDir + "/error.log", "-c", conf.toString(),
          "-g", "daemon off;").redirectErrorStream(true).redirectOutput(workDir.resolve("nginx.out").toFile()).start();
      LOG.info("nginx started (pid {}) on {}:{}", nginx.pid(), config.bindAddress(), config.httpPort());
    } else {
      CommandResult reload = run(List.of(binary, "-p", workDir + "/", "-e", workDir + "/error.log",
          "-c", conf.toString(), "-s", "reload"));
      if (reload.exitCode() != 0) {
        throw new IOException("nginx -s reload failed: " + reload.output().trim());
      }
      LOG.info("nginx reloaded: {} rules", state.rules().size());
    }
    applied = text;
    removeUnused(files);
    awaitServing(text);
  }

  private NginxConfRenderer.TlsFiles writeCertificates(CertificateSelection selection) throws IOException {
    Path dir = workDir.resolve("ssl");
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      dir.toFile().setReadable(false, false);
      dir.toFile().setReadable(true, true);
      dir.toFile().setExecutable(false, false);
      dir.toFile().setExecutable(true, true);
    }
    java.util.Map<String, Path> byHost = new java.util.LinkedHashMap<>();
    for (var entry : selection.byHost().entrySet()) {
      byHost.put(entry.getKey(), write(dir, entry.getValue()));
    }
    return new NginxConfRenderer.TlsFiles(config.httpsPort(), byHost, write(dir, selection.fallback()));
  }

  private static Path write(Path dir, ServedCertificate certificate) throws IOException {
    String pem = certificate.toPem();
    Path file = dir.resolve(sha256(pem).substring(0, 20) + ".pem");
    if (!Files.exists(file)) {
      Path temp = Files.createTempFile(dir, ".cert", ".tmp",
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, pem);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }
    return file;
  }

  private static void removeUnused(NginxConfRenderer.TlsFiles files) throws IOException {
    java.util.Set<Path> used = new java.util.HashSet<>(files.byHost().values());
    used.add(files.fallback());
    try (var listing = Files.list(files.fallback().getParent())) {
      for (Path p : listing.filter(p -> p.toString().endsWith(".pem") && !used.contains(p)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Waits until nginx answers with this configuration (a reload is asynchronous). */
  private void awaitServing(String text) throws IOException, InterruptedException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("X-Capstan-Config (\\w+)").matcher(text);
    String want = m.find() ? m.group(1) : "";
    long deadline = System.nanoTime() + config.commandTimeout().toNanos();
    String seen = "";
    while (System.nanoTime() < deadline) {
      if (nginx == null || !nginx.isAlive()) {
        throw new IOException("nginx exited: " + Files.readString(workDir.resolve("error.log")).lines()
            .reduce((a, b) -> b).orElse("(no log)"));
      }
      try {
        java.net.http.HttpResponse<Void> response = probe.send(java.net.http.HttpRequest.newBuilder(httpAddress().resolve("/"))
            .timeout(java.time.Duration.ofSeconds(1)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        seen = response.headers().firstValue("X-Capstan-Config").orElse("");
        if (seen.equals(want)) {
          return;
        }
      } catch (IOException e) {
        seen = e.toString();
      }
      Thread.sleep(20);
    }
    throw new IOException("nginx did not serve the new configuration within " + config.commandTimeout() + " (last: " + seen + ")");
  }

  /** Where nginx serves plain HTTP. */
  public URI httpAddress() {
    String host = config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.httpPort());
  }

  /** Where nginx serves HTTPS. */
  public URI httpsAddress() {
    String host = config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress();
    return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.httpsPort());
  }

  /** The configuration nginx runs with now (empty before the first sync). */
  public synchronized String appliedConfig() {
    return applied;
  }

  @Override
  public List<String> loadBalancerAddresses() {
    return List.of(httpAddress().getHost());
  }

  private record CommandResult(int exitCode, String output) {}

  private CommandResult run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(config.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish within " + config.commandTimeout());
    }
    return new CommandResult(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static String resolveBinary(String binary) {
    if (binary.contains("/")) {
      if (Files.isExecutable(Path.of(binary))) {
        return binary;
      }
    } else {
      List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
      dirs.add("/usr/sbin");
      for (String dir : dirs) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
          return Path.of(dir, binary).toString();
        }
      }
    }
    throw new IllegalStateException("nginx not found ('" + binary + "'); install it (apt-get install nginx) or set "
        + "ingress.nginx.binary, or choose ingress.controller: builtin");
  }

  @Override
  public synchronized void close() throws Exception {
    if (nginx != null && nginx.isAlive()) {
      nginx.destroy(); // SIGTERM: nginx's fast shutdown
      if (!nginx.waitFor(config.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        nginx.destroyForcibly();
      }
      LOG.info("nginx stopped");
    }
    nginx = null;
    applied = "";
  }
}
