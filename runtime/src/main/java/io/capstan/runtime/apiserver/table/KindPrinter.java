package io.capstan.runtime.apiserver.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;

/**
 * Prints objects of one kind as table rows: the server side of {@code kubectl get}. Kubernetes
 * prints every column, the {@code -o wide} ones too (its {@code TableConvertor} generates with
 * {@code Wide: true}); kubectl hides columns of priority 1 or more unless asked. Implementations
 * are stateless and thread-safe, and read no clock: the current time is a parameter.
 */
public interface KindPrinter {

  /** The columns, in order. */
  List<TableColumnDefinition> columns();

  /**
   * One cell per column for {@code object} (an object of this printer's kind, typed or generic),
   * each a {@link String}, {@link Long}, {@link Double}, {@link Boolean} or null.
   *
   * @param now the current time, for ages
   */
  List<Object> cells(HasMetadata object, Instant now);

  /** The row's conditions; none unless the kind marks finished objects (pods). */
  default List<TableRowCondition> conditions(HasMetadata object) {
    return List.of();
  }
}
