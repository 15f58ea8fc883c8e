package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.str;
import static io.capstan.runtime.apiserver.table.Columns.col;
import static io.capstan.runtime.apiserver.table.Columns.wide;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code kubectl get events}: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST
 * SEEN COUNT NAME, as Kubernetes' {@code printEvent}: OBJECT is {@code kind/name} in lower case,
 * LAST SEEN falls back to FIRST SEEN, which falls back to {@code eventTime}; a series' last
 * observation and count win; a singleton event counts 1. {@code events.k8s.io/v1} events print
 * the same way, read through the fields the API server converts them from ({@code regarding},
 * {@code note}, {@code deprecated*}). Stateless.
 */
final class EventPrinter {

  static final List<TableColumnDefinition> COLUMNS = List.of(
      col("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
      col("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
      col("Reason", "string", "This should be a short, machine understandable string that gives the reason for "
          + "the transition into the object's current status."),
      col("Object", "string", "The object that this event is about."),
      wide("Subobject", "string", "If referring to a piece of an object instead of an entire object, this string "
          + "should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."),
      wide("Source", "string", "The component reporting this event. Should be a short machine understandable "
          + "string."),
      col("Message", "string", "A human-readable description of the status of this operation."),
      wide("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in "
          + "TypeMeta.)"),
      wide("Count", "string", "The number of times this event has occurred."),
      new TableColumnDefinition("Name", "string", "name", Columns.NAME_DOC, 1));

  private EventPrinter() {}

  static KindPrinter core() {
    return TypedPrinter.of(Event.class, COLUMNS, EventPrinter::cells);
  }

  static KindPrinter eventsV1() {
    return TypedPrinter.of(io.fabric8.kubernetes.api.model.events.v1.Event.class, COLUMNS,
        (e, now) -> cells(toCore(e), now));
  }

  static List<Object> cells(Event e, Instant now) {
    String first = Ages.parse(e.getFirstTimestamp()).isPresent() ? Ages.since(e.getFirstTimestamp(), now)
        : micro(e.getEventTime(), now);
    String last = Ages.parse(e.getLastTimestamp()).isPresent() ? Ages.since(e.getLastTimestamp(), now) : first;
    long count = Cells.num(e.getCount());
    EventSeries series = e.getSeries();
    if (series != null) {
      last = micro(series.getLastObservedTime(), now);
      count = Cells.num(series.getCount());
    } else if (count == 0) {
      count = 1; // singleton events of the new API carry no count
    }
    ObjectReference involved = e.getInvolvedObject() == null ? new ObjectReference() : e.getInvolvedObject();
    String kind = str(involved.getKind()).toLowerCase(Locale.ROOT);
    String target = str(involved.getName()).isEmpty() ? kind : kind + "/" + involved.getName();
    EventSource source = e.getSource() == null ? new EventSource() : e.getSource();
    String component = firstNonEmpty(source.getComponent(), e.getReportingComponent());
    String instance = firstNonEmpty(source.getHost(), e.getReportingInstance());
    return Columns.cells(last, str(e.getType()), str(e.getReason()), target, str(involved.getFieldPath()),
        instance.isEmpty() ? component : component + ", " + instance, str(e.getMessage()).strip(), first, count,
        e.getMetadata().getName());
  }

  /** {@code translateMicroTimestampSince}. */
  private static String micro(MicroTime time, Instant now) {
    return Ages.since(time == null ? null : time.getTime(), now);
  }

  private static String firstNonEmpty(String a, String b) {
    return !str(a).isEmpty() ? a : str(b);
  }

  /** The core event an {@code events.k8s.io/v1} event is stored as. */
  static Event toCore(io.fabric8.kubernetes.api.model.events.v1.Event e) {
    Event core = new Event();
    core.setMetadata(e.getMetadata());
    core.setInvolvedObject(e.getRegarding());
    core.setMessage(e.getNote());
    core.setReason(e.getReason());
    core.setType(e.getType());
    core.setReportingComponent(e.getReportingController());
    core.setReportingInstance(e.getReportingInstance());
    core.setSource(e.getDeprecatedSource());
    core.setFirstTimestamp(e.getDeprecatedFirstTimestamp());
    core.setLastTimestamp(e.getDeprecatedLastTimestamp());
    core.setCount(e.getDeprecatedCount());
    core.setEventTime(e.getEventTime());
    if (e.getSeries() != null) {
      core.setSeries(new EventSeries(e.getSeries().getCount(), e.getSeries().getLastObservedTime()));
    }
    return core;
  }
}
