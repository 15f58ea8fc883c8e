package io.capstan.runtime.kinds;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.CapstanException;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.api.ResourceKindProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds the one {@link KindRegistry} of the process, merged from every kinds plugin. A duplicate
 * kind (same group/version/kind, or same group/plural) stops start-up naming both.
 */
public final class KindRegistryModule extends AbstractModule {

  @Provides
  @Singleton
  KindRegistry kindRegistry(List<ResourceKindProvider> providers) {
    List<ResourceKind> kinds = new ArrayList<>();
    providers.forEach(p -> kinds.addAll(p.kinds()));
    try {
      return KindRegistry.of(kinds);
    } catch (IllegalArgumentException e) {
      throw new CapstanException("resource kinds clash: " + e.getMessage(), e);
    }
  }
}
