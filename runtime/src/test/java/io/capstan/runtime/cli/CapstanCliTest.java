package io.capstan.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user meets it: output, exit codes, and errors without stack traces. */
class CapstanCliTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return CapstanMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @AfterEach
  void clearProperties() {
    System.clearProperty("capstan.apiserver.bind");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: capstan", "up", "plugins", "config");
    assertThat(run("up", "--help")).isZero();
    assertThat(out.toString()).contains("--port", "--data", "--nodes", "--components");
  }

  @Test
  void versionNamesCapstanAndJava() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).containsPattern("capstan \\d+\\.\\d+").contains("Java 17");
  }

  @Test
  void pluginsListsEverySlotOfTheCatalogueAndMarksTheSelectedOnes() {
    assertThat(run("plugins")).isZero();
    assertThat(out.toString()).contains(
        "Store  [store.plugin = rocksdb (default)]",
        "Authenticators (chain)", "Authorizers (chain)", "Admission plugins (chain)", "Resource kinds",
        "Scheduler plugins", "Controllers", "Container runtime", "Service proxy", "Ingress controller",
        "Clock / executor  [runtime.clock = wall (default)]");
    assertThat(out.toString()).containsPattern("\\* wall ").containsPattern("\n    virtual ").containsPattern("\\* builtin ");
  }

  @Test
  void pluginsFollowsTheConfiguration() {
    assertThat(run("plugins", "--set", "runtime.clock=virtual")).isZero();
    assertThat(out.toString()).contains("runtime.clock = virtual (flag)").containsPattern("\\* virtual ").containsPattern("\n    wall ");
  }

  @Test
  void configShowsEveryValueWithItsSource() throws Exception {
    Path file = dir.resolve("capstan.yaml");
    Files.writeString(file, "apiserver:\n  port: 7443\nclock:\n  virtual:\n    seed: 42\nruntime:\n  clock: virtual\n");
    System.setProperty("capstan.apiserver.bind", "0.0.0.0");
    assertThat(run("config", "--config", file.toString(), "--set", "node.count=7")).as(err::toString).isZero();
    String text = out.toString();
    assertThat(text).containsPattern("apiserver.port +7443 +file .*capstan.yaml");
    assertThat(text).containsPattern("node.count +7 +flag");
    assertThat(text).containsPattern("apiserver.bind +0.0.0.0 +system property -Dcapstan.apiserver.bind");
    assertThat(text).containsPattern("store.plugin +rocksdb +default");
    assertThat(text).containsPattern("clock.virtual.seed +42 +file");
    assertThat(text).containsPattern("clock.virtual.epoch +2025-01-01T00:00:00Z +default \\(plugin virtual\\)");
  }

  @Test
  void anUnknownKeyIsOneLineNamingTheNearestKeyWithoutAStackTrace() {
    assertThat(run("config", "--set", "apiserver.prot=1")).isEqualTo(1);
    assertThat(err.toString().trim())
        .isEqualTo("capstan: invalid configuration: apiserver.prot (flag): unknown setting; did you mean 'apiserver.port'?");
  }

  @Test
  void anUnknownPluginListsTheAvailableOnes() {
    assertThat(run("plugins", "--set", "runtime.clock=wal")).isEqualTo(1);
    assertThat(err.toString()).contains("unknown clock plugin 'wal' (did you mean 'wall'?); available: virtual, wall")
        .doesNotContain("\tat ");
  }

  @Test
  void debugAddsTheStackTrace() {
    assertThat(run("plugins", "--debug", "--set", "runtime.clock=wal")).isEqualTo(1);
    assertThat(err.toString()).contains("unknown clock plugin 'wal'").contains("\tat io.capstan.runtime");
  }

  @Test
  void aBadFlagPrintsUsageAndExits2() {
    assertThat(run("up", "--port", "not-a-number")).isEqualTo(2);
    assertThat(err.toString()).contains("--port");
  }

  @Test
  void aBadPluginSettingNamesTheKey() {
    assertThat(run("config", "--set", "runtime.clock=wall", "--set", "clock.wall.threads=0")).isEqualTo(1);
    assertThat(err.toString()).contains("clock.wall.threads (flag):");
  }
}
