package io.capstan.examples.kinds.widgets;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.PrinterColumn;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.api.ResourceKindFactory;
import io.capstan.spi.api.ResourceKindProvider;
import io.capstan.spi.plugin.NoConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Adds the kind {@code Widget} ({@code widgets.examples.capstan.io/v1}) to a control plane: with
 * this jar on the class path it is served, watched and discoverable, and {@code kubectl get
 * widgets} prints its columns, with no change to the API server.
 */
public final class WidgetKindsFactory implements ResourceKindFactory<NoConfig> {

  public static final String GROUP = "examples.capstan.io";

  @Override
  public String name() {
    return "widgets";
  }

  @Override
  public String description() {
    return "the example kind Widget (examples.capstan.io/v1)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    ResourceKind widget = widgetKind();
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ResourceKindProvider.class).toInstance(() -> List.of(widget));
      }
    };
  }

  /** The kind: namespaced, short name {@code wd}, in category {@code all}, with status and printer columns. */
  public static ResourceKind widgetKind() {
    return ResourceKind.of(GROUP, "v1", "Widget", "widgets", true, GenericKubernetesResource.class, "wd")
        .withCategories("all")
        .withSubresources("status")
        .withPrinterColumns(
            new PrinterColumn("Size", "integer", "", "How many parts", 0, ".spec.size"),
            new PrinterColumn("Colour", "string", "", "The paint", 0, ".spec.colour"),
            new PrinterColumn("Phase", "string", "", "Where it is in its life", 1, ".status.phase"),
            // As with CRDs, an age column is the kind's own choice, not added by the server.
            new PrinterColumn("Age", "date", "", "Time since creation", 0, ".metadata.creationTimestamp"))
        .withSchema(schema());
  }

  private static com.fasterxml.jackson.databind.JsonNode schema() {
    try (InputStream in = WidgetKindsFactory.class.getResourceAsStream("widget-schema.json")) {
      return KubeJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the Widget schema is missing from the jar", e);
    }
  }
}
