package io.capstan.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.capstan.spi.plugin.PluginFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A plugin factory is public and named in {@code META-INF/services/<factory interface>} somewhere on
 * the classpath, read with {@link ClassLoader#getResources} exactly as {@link java.util.ServiceLoader}
 * reads it. A factory that is not listed compiles, passes its unit tests and is then silently never
 * found by the kernel, which is why this is checked rather than left to review.
 */
final class RegisteredAsService extends ArchCondition<JavaClass> {

  private static final String SERVICES = "META-INF/services/";

  RegisteredAsService() {
    super("be public and be listed in META-INF/services/<its factory interface>");
  }

  @Override
  public void check(JavaClass factory, ConditionEvents events) {
    if (!factory.getModifiers().contains(JavaModifier.PUBLIC)) {
      events.add(SimpleConditionEvent.violated(factory, factory.getName()
          + " is not public; ServiceLoader can only instantiate a public class with a public "
          + "no-argument constructor"));
      return;
    }
    List<String> spis = factory.getAllRawInterfaces().stream()
        .filter(type -> type.isAssignableTo(PluginFactory.class))
        .map(JavaClass::getName)
        .filter(name -> !name.equals(PluginFactory.class.getName()))
        .sorted()
        .toList();
    if (spis.isEmpty()) {
      events.add(SimpleConditionEvent.violated(factory, factory.getName()
          + " implements PluginFactory directly; implement the SPI's own factory interface "
          + "(ClockFactory, StoreFactory, ...) so ServiceLoader can find it"));
      return;
    }
    for (String spi : spis) {
      if (listedIn(spi).contains(factory.getName())) {
        events.add(SimpleConditionEvent.satisfied(factory,
            factory.getName() + " is listed in " + SERVICES + spi));
        return;
      }
    }
    events.add(SimpleConditionEvent.violated(factory, factory.getName() + " is not listed in "
        + SERVICES + String.join(" or " + SERVICES, spis) + "; add the line '" + factory.getName()
        + "' to src/main/resources/" + SERVICES + spis.get(0) + " of its module"));
  }

  /** Every class named in every {@code META-INF/services/<spi>} file on the classpath. */
  private static Set<String> listedIn(String spi) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = RegisteredAsService.class.getClassLoader();
    }
    Set<String> names = new HashSet<>();
    try {
      for (URL url : Collections.list(loader.getResources(SERVICES + spi))) {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
          reader.lines()
              .map(line -> line.replaceFirst("#.*", "").trim()) // ServiceLoader's comment syntax
              .filter(line -> !line.isEmpty())
              .forEach(names::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SERVICES + spi, e);
    }
    return names;
  }
}
