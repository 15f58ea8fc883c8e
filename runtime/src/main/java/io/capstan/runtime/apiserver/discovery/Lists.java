package io.capstan.runtime.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/** Small helpers that write string lists into discovery documents the way Go's JSON tags do. */
final class Lists {

  private Lists() {}

  /** Writes {@code values} sorted, always (a {@code verbs} field is never omitted). */
  static void putSorted(ObjectNode node, String field, Collection<String> values) {
    ArrayNode array = node.putArray(field);
    values.stream().sorted().forEach(array::add);
  }

  /** Writes {@code values} in their order, or nothing when empty ({@code omitempty}). */
  static void putIfAny(ObjectNode node, String field, Collection<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(field);
      values.forEach(array::add);
    }
  }
}
