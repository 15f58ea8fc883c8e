package io.capstan.examples.kinds.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.api.ResourceKindFactory;
import io.capstan.spi.api.ResourceKindProvider;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class WidgetKindsPluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new WidgetKindsFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ResourceKindFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(ResourceKindProvider.class);
  }

  @Test
  void theKindCarriesItsSchemaColumnsAndShortName() {
    var kind = WidgetKindsFactory.widgetKind();
    assertThat(kind.apiVersion()).isEqualTo("examples.capstan.io/v1");
    assertThat(kind.shortNames()).containsExactly("wd");
    assertThat(kind.schema()).isPresent();
    assertThat(kind.schema().get().path("properties").path("spec").path("required").get(0).asText()).isEqualTo("size");
    assertThat(kind.printerColumns()).extracting(c -> c.name()).containsExactly("Size", "Colour", "Phase", "Age");
  }
}
