package io.capstan.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.table.TableOptions;
import io.capstan.runtime.apiserver.table.TablePrinter;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import java.time.Instant;
import java.util.List;

/** Tables for kubectl's printers from the table package's per-kind printers. */
final class TableRendering implements ApiExtensions.TableRenderer {

  private final TablePrinter printer = TablePrinter.builtIn();

  @Override
  public JsonNode render(ResourceKind kind, List<HasMetadata> items, String resourceVersion, String continueToken, Instant now) {
    ListMeta meta = new ListMeta();
    meta.setResourceVersion(resourceVersion);
    meta.setContinue(continueToken.isEmpty() ? null : continueToken);
    return printer.list(kind, items, meta, now, TableOptions.DEFAULT).toJson();
  }
}
