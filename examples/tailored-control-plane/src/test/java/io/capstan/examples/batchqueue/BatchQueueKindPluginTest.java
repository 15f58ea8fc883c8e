package io.capstan.examples.batchqueue;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.api.ResourceKindFactory;
import io.capstan.spi.api.ResourceKindProvider;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit's checks for the kind's registration, and what kubectl will see of it. */
class BatchQueueKindPluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new BatchQueueKindFactory();
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
  void theKindIsNamespacedWithAStatusSchemaAndColumns() {
    var kind = BatchQueueKindFactory.kind();
    assertThat(kind.apiVersion()).isEqualTo("examples.capstan.io/v1");
    assertThat(kind.namespaced()).isTrue();
    assertThat(kind.shortNames()).containsExactly("bq");
    assertThat(kind.javaType()).isEqualTo(BatchQueue.class);
    assertThat(kind.schema().orElseThrow().path("properties").path("spec").path("properties").has("maxActive")).isTrue();
    assertThat(kind.printerColumns()).extracting(c -> c.name()).containsExactly("Max-Active", "Active", "Waiting", "Finished", "Age");
  }
}
