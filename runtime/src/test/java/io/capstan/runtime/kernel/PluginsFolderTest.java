package io.capstan.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import io.capstan.spi.api.KindRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that Capstan has never seen, compiled here and dropped as a jar into the plugins folder,
 * is discovered and used: the "no change to Capstan's code" promise, end to end.
 */
class PluginsFolderTest {

  private static final String SOURCE = """
      package demo.widgets;

      import com.google.inject.AbstractModule;
      import com.google.inject.Module;
      import io.capstan.spi.api.ResourceKind;
      import io.capstan.spi.api.ResourceKindFactory;
      import io.capstan.spi.api.ResourceKindProvider;
      import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
      import java.util.List;

      public final class WidgetKindsFactory implements ResourceKindFactory<WidgetKindsFactory.Settings> {
        public record Settings(String group) {
          public Settings { group = group == null ? "widgets.example.com" : group; }
        }
        public String name() { return "widgets"; }
        public Class<Settings> configType() { return Settings.class; }
        public Module module(Settings settings) {
          return new AbstractModule() {
            protected void configure() {
              ResourceKind widget = ResourceKind.of(settings.group(), "v1", "Widget", "widgets", true,
                  GenericKubernetesResource.class, "wd");
              bind(ResourceKindProvider.class).toInstance(() -> List.of(widget));
            }
          };
        }
      }
      """;

  @TempDir Path home;

  @Test
  void aJarInThePluginsFolderIsDiscoveredConfiguredAndWired() throws Exception {
    Path pluginsDir = Files.createDirectories(home.resolve("plugins"));
    buildPluginJar(pluginsDir.resolve("widgets-plugin.jar"));

    KernelPlan plan = KernelPlan.resolve(
        ConfigInputs.defaultsOnly().withFlags(Map.of("kinds.widgets.group", "gadgets.example.org")),
        SpiFamilies.ALL, getClass().getClassLoader(), home);

    assertThat(plan.catalog().plugins(SpiFamilies.RESOURCE_KINDS)).extracting(DiscoveredPlugin::name)
        .containsExactly("builtin", "widgets");
    DiscoveredPlugin widgets = plan.catalog().find(SpiFamilies.RESOURCE_KINDS, "widgets").orElseThrow();
    assertThat(widgets.location()).endsWith("widgets-plugin.jar");

    try (Kernel kernel = Kernel.create(plan)) {
      KindRegistry kinds = kernel.injector().getInstance(KindRegistry.class);
      assertThat(kinds.resolve("wd")).isPresent()
          .get().satisfies(k -> assertThat(k.apiVersion()).isEqualTo("gadgets.example.org/v1"));
      assertThat(kinds.resolve("pods")).isPresent();
    }
  }

  private void buildPluginJar(Path jar) throws IOException {
    Path src = Files.createDirectories(home.resolve("src/demo/widgets"));
    Path classes = Files.createDirectories(home.resolve("classes"));
    Files.writeString(src.resolve("WidgetKindsFactory.java"), SOURCE);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        src.resolve("WidgetKindsFactory.java").toString());
    assertThat(rc).as("compiling the plugin").isZero();
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(new JarEntry("META-INF/services/io.capstan.spi.api.ResourceKindFactory"));
      jarOut.write("demo.widgets.WidgetKindsFactory\n".getBytes(StandardCharsets.UTF_8));
      jarOut.closeEntry();
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
          jarOut.write(Files.readAllBytes(file));
          jarOut.closeEntry();
        }
      }
    }
    assertThat(jar).isRegularFile();
  }
}
