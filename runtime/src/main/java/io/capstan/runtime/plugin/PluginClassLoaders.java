package io.capstan.runtime.plugin;

import io.capstan.runtime.CapstanException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader plugins are discovered with: the application class path plus every jar in the
 * plugins folder ({@code runtime.pluginsDir}), so dropping a jar there is enough to add a plugin.
 */
public final class PluginClassLoaders {

  private PluginClassLoaders() {}

  /**
   * A loader over the jars in {@code dir} (sorted by name, for a stable discovery order) whose
   * parent is {@code parent}; {@code parent} itself when the folder is missing or holds no jar.
   */
  public static ClassLoader withPluginsFrom(Path dir, ClassLoader parent) {
    List<Path> jars = jarsIn(dir);
    if (jars.isEmpty()) {
      return parent;
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < jars.size(); i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new CapstanException("cannot load plugin jar " + jars.get(i) + ": " + e.getMessage(), e);
      }
    }
    return new URLClassLoader("capstan-plugins", urls, parent);
  }

  /** The jars in the folder, sorted; empty when the folder does not exist. */
  public static List<Path> jarsIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList());
      return List.copyOf(jars);
    } catch (IOException e) {
      throw new CapstanException("cannot list plugins folder " + dir + ": " + e.getMessage(), e);
    }
  }
}
