package io.capstan.runtime.apiserver.table;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link KindPrinter} for one model class: objects of another class (a
 * {@code GenericKubernetesResource} read from a store, say) are converted to it through
 * {@code KubeJson} first, so each printer is written against fabric8's typed model. Immutable.
 *
 * @param <T> the model class
 */
final class TypedPrinter<T extends HasMetadata> implements KindPrinter {

  private final Class<T> type;
  private final List<TableColumnDefinition> columns;
  private final BiFunction<T, Instant, List<Object>> cells;
  private final Function<T, List<TableRowCondition>> conditions;

  TypedPrinter(Class<T> type, List<TableColumnDefinition> columns, BiFunction<T, Instant, List<Object>> cells,
      Function<T, List<TableRowCondition>> conditions) {
    this.type = requireNonNull(type, "type");
    this.columns = List.copyOf(columns);
    this.cells = requireNonNull(cells, "cells");
    this.conditions = requireNonNull(conditions, "conditions");
  }

  /** A printer without row conditions. */
  static <T extends HasMetadata> TypedPrinter<T> of(Class<T> type, List<TableColumnDefinition> columns,
      BiFunction<T, Instant, List<Object>> cells) {
    return new TypedPrinter<>(type, columns, cells, o -> List.of());
  }

  @Override
  public List<TableColumnDefinition> columns() {
    return columns;
  }

  @Override
  public List<Object> cells(HasMetadata object, Instant now) {
    List<Object> row = cells.apply(typed(object), now);
    if (row.size() != columns.size()) {
      throw new IllegalStateException(type.getSimpleName() + " printer made " + row.size() + " cells for "
          + columns.size() + " columns");
    }
    return row;
  }

  @Override
  public List<TableRowCondition> conditions(HasMetadata object) {
    return conditions.apply(typed(object));
  }

  private T typed(HasMetadata object) {
    requireNonNull(object, "object");
    return type.isInstance(object) ? type.cast(object) : KubeJson.mapper().convertValue(object, type);
  }
}
