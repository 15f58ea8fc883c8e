package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A field selector ({@code metadata.name=x,metadata.namespace!=y,spec.nodeName=}): terms ANDed,
 * each {@code =}, {@code ==} or {@code !=}, parsed as Kubernetes' {@code fields.ParseSelector}. In a
 * value, {@code \,}, {@code \=} and {@code \\} stand for the character; an unescaped {@code ,} or
 * {@code =} is an error. Blanks are not trimmed (Kubernetes does not either), so
 * {@code "a = b"} names the field {@code "a "}, which {@link #requireSupported} then rejects.
 *
 * <p>The empty selector matches everything. {@link #toString()} is the canonical text (terms
 * sorted). Immutable and thread-safe.
 *
 * @param requirements the terms, sorted by their text
 */
public record FieldSelectorSpec(List<FieldRequirement> requirements) {

  private static final FieldSelectorSpec EVERYTHING = new FieldSelectorSpec(List.of());

  public FieldSelectorSpec {
    requireNonNull(requirements, "requirements");
    List<FieldRequirement> sorted = new ArrayList<>(requirements);
    sorted.sort(null);
    requirements = List.copyOf(sorted);
  }

  /** The selector without terms, which matches every object. */
  public static FieldSelectorSpec everything() {
    return EVERYTHING;
  }

  /**
   * Parses the string form.
   *
   * @throws IllegalArgumentException naming the term that is wrong and why
   */
  public static FieldSelectorSpec parse(String text) {
    requireNonNull(text, "text");
    List<FieldRequirement> terms = new ArrayList<>();
    for (String term : splitTerms(text)) {
      if (term.isEmpty()) {
        continue; // Kubernetes skips empty terms ("a=b,,c=d")
      }
      terms.add(parseTerm(text, term));
    }
    return new FieldSelectorSpec(terms);
  }

  /** Whether an object whose selectable fields have the values {@code fields} satisfies every term. */
  public boolean matches(Map<String, String> fields) {
    requireNonNull(fields, "fields");
    return requirements.stream().allMatch(r -> r.matches(fields));
  }

  /** True for the selector without terms. */
  public boolean matchesEverything() {
    return requirements.isEmpty();
  }

  /**
   * Checks that every field used is one {@code kind} supports (see {@link FieldSelectors}).
   *
   * @throws IllegalArgumentException naming the unknown field and listing the supported ones
   */
  public FieldSelectorSpec requireSupported(String kind, Set<String> supported) {
    requireNonNull(kind, "kind");
    requireNonNull(supported, "supported");
    for (FieldRequirement r : requirements) {
      if (!supported.contains(r.field())) {
        throw new IllegalArgumentException("field label not supported for " + kind + ": '" + r.field()
            + "'; supported fields: " + String.join(", ", new TreeSet<>(supported)));
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return String.join(",", requirements.stream().map(FieldRequirement::toString).toList());
  }

  private static List<String> splitTerms(String text) {
    List<String> terms = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean escaped = false;
    for (char c : text.toCharArray()) {
      if (escaped) {
        current.append(c);
        escaped = false;
      } else if (c == '\\') {
        current.append(c);
        escaped = true;
      } else if (c == ',') {
        terms.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    terms.add(current.toString());
    return terms;
  }

  private static FieldRequirement parseTerm(String text, String term) {
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      String operator = term.startsWith("!=", i) ? "!=" : term.startsWith("==", i) ? "==" : c == '=' ? "=" : null;
      if (operator != null) {
        String field = term.substring(0, i);
        if (field.isEmpty()) {
          break;
        }
        return new FieldRequirement(field, operator.equals("!="), unescape(text, term.substring(i + operator.length())));
      }
    }
    throw new IllegalArgumentException("invalid field selector \"" + text + "\": can't understand '" + term
        + "'; expected <field>=<value>, <field>==<value> or <field>!=<value>");
  }

  private static String unescape(String text, String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        if (i + 1 >= value.length() || "\\,=".indexOf(value.charAt(i + 1)) < 0) {
          throw new IllegalArgumentException("invalid field selector \"" + text + "\": invalid escape sequence in '"
              + value + "'; only \\\\, \\, and \\= are allowed");
        }
        out.append(value.charAt(++i));
      } else if (c == ',' || c == '=') {
        throw new IllegalArgumentException("invalid field selector \"" + text + "\": unescaped '" + c + "' in value '"
            + value + "'; write \\" + c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
