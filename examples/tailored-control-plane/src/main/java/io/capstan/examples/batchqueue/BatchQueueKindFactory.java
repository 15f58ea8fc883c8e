package io.capstan.examples.batchqueue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.PrinterColumn;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.api.ResourceKindFactory;
import io.capstan.spi.api.ResourceKindProvider;
import io.capstan.spi.plugin.NoConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Registers the kind {@code BatchQueue} with the API server: REST, watch, discovery, OpenAPI, kubectl columns. */
public final class BatchQueueKindFactory implements ResourceKindFactory<NoConfig> {

  @Override
  public String name() {
    return "batchqueues";
  }

  @Override
  public String description() {
    return "the example kind BatchQueue (examples.capstan.io/v1)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    ResourceKind kind = kind();
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ResourceKindProvider.class).toInstance(() -> List.of(kind));
      }
    };
  }

  /** Namespaced, short name {@code bq}, a status subresource, and the columns {@code kubectl get bq} prints. */
  public static ResourceKind kind() {
    return ResourceKind.of(BatchQueue.GROUP, "v1", BatchQueue.KIND, "batchqueues", true, BatchQueue.class, "bq")
        .withSubresources("status")
        .withPrinterColumns(
            new PrinterColumn("Max-Active", "integer", "", "Pods released at once", 0, ".spec.maxActive"),
            new PrinterColumn("Active", "integer", "", "Released and not finished", 0, ".status.active"),
            new PrinterColumn("Waiting", "integer", "", "Still gated", 0, ".status.waiting"),
            new PrinterColumn("Finished", "integer", "", "Succeeded or failed", 0, ".status.finished"),
            new PrinterColumn("Age", "date", "", "Time since creation", 0, ".metadata.creationTimestamp"))
        .withSchema(schema());
  }

  private static com.fasterxml.jackson.databind.JsonNode schema() {
    try (InputStream in = BatchQueueKindFactory.class.getResourceAsStream("batchqueue-schema.json")) {
      return KubeJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the BatchQueue schema is missing from the jar", e);
    }
  }
}
