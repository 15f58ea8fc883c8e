package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A label selector in one immutable form, whichever way it was written: the query-string form
 * ({@code app=web,tier!=db,env in (prod,staging),!canary}) or a fabric8 {@link LabelSelector}
 * ({@code matchLabels} + {@code matchExpressions}). Requirements are ANDed.
 *
 * <p>Two selectors are special, as in Kubernetes, and must not be confused:
 * <ul>
 *   <li>{@link #everything()}: no requirement, matches every object. It is what an empty string, an
 *       empty {@code LabelSelector} ({@code {}}) or an empty label map give.
 *   <li>{@link #nothing()}: matches no object. It is what a <em>missing</em> {@code LabelSelector}
 *       ({@code null}) gives, e.g. a PodDisruptionBudget without a selector selects no pod.
 * </ul>
 *
 * <p>{@link #toString()} is Kubernetes' canonical text: requirements sorted by key, values sorted,
 * no spaces except around {@code in}/{@code notin}; {@code parse(s.toString())} equals {@code s}.
 * Invalid input raises {@link IllegalArgumentException} naming the input, the position or field and
 * what was expected. Immutable and thread-safe.
 */
public final class LabelSelectorSpec {

  private static final LabelSelectorSpec EVERYTHING = new LabelSelectorSpec(List.of(), false);
  private static final LabelSelectorSpec NOTHING = new LabelSelectorSpec(List.of(), true);

  private final List<LabelRequirement> requirements;
  private final boolean nothing;

  private LabelSelectorSpec(List<LabelRequirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /** The selector with no requirement: matches every label set. */
  public static LabelSelectorSpec everything() {
    return EVERYTHING;
  }

  /** The selector that matches no label set (Kubernetes' {@code labels.Nothing()}). */
  public static LabelSelectorSpec nothing() {
    return NOTHING;
  }

  /** The AND of {@code requirements}; an empty list gives {@link #everything()}. */
  public static LabelSelectorSpec of(List<LabelRequirement> requirements) {
    requireNonNull(requirements, "requirements");
    List<LabelRequirement> sorted = new ArrayList<>(requirements);
    sorted.forEach(r -> requireNonNull(r, "requirement"));
    sorted.sort(null);
    return sorted.isEmpty() ? EVERYTHING : new LabelSelectorSpec(List.copyOf(sorted), false);
  }

  /**
   * Parses the string form, as Kubernetes' {@code labels.Parse}: {@code k=v}, {@code k==v},
   * {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}, {@code k>1},
   * {@code k<1}, separated by commas; blanks between tokens are ignored. Note Kubernetes' reading
   * of {@code k in ()} as {@code k in ("")}. The empty string gives {@link #everything()}.
   *
   * @throws IllegalArgumentException when the text is not a valid selector
   */
  public static LabelSelectorSpec parse(String text) {
    requireNonNull(text, "text");
    return of(new LabelSelectorParser(text).parse());
  }

  /** Selects objects that carry every label of {@code labels} (Kubernetes' {@code SelectorFromSet}). */
  public static LabelSelectorSpec matchingLabels(Map<String, String> labels) {
    requireNonNull(labels, "labels");
    List<LabelRequirement> requirements = new ArrayList<>();
    labels.forEach((k, v) -> requirements.add(LabelRequirement.equalTo(k, v)));
    return of(requirements);
  }

  /**
   * Converts a fabric8 selector, as Kubernetes' {@code metav1.LabelSelectorAsSelector}: {@code null}
   * gives {@link #nothing()}, one without labels and expressions {@link #everything()}.
   *
   * @throws IllegalArgumentException naming the offending field ({@code matchExpressions[1].values})
   */
  public static LabelSelectorSpec fromFabric8(LabelSelector selector) {
    if (selector == null) {
      return NOTHING;
    }
    List<LabelRequirement> requirements = new ArrayList<>();
    Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    labels.forEach((k, v) -> requirements.add(checked("matchLabels[" + k + "]",
        () -> LabelRequirement.equalTo(k, v == null ? "" : v))));
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement e = expressions.get(i);
      String path = "matchExpressions[" + i + "]";
      LabelOperator op = LabelOperator.fromExpressionName(e.getOperator()).orElseThrow(() ->
          new IllegalArgumentException("invalid label selector: " + path + ".operator: '" + e.getOperator()
              + "' is not a valid label selector operator; use In, NotIn, Exists or DoesNotExist"));
      List<String> values = e.getValues() == null ? List.of() : e.getValues();
      requirements.add(checked(path, () -> new LabelRequirement(
          e.getKey() == null ? "" : e.getKey(), op, values)));
    }
    return of(requirements);
  }

  private static LabelRequirement checked(String path, java.util.function.Supplier<LabelRequirement> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid label selector: " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The fabric8 form: {@code =} and {@code ==} requirements become {@code matchLabels} (a second
   * one on the same key becomes an {@code In} expression), {@code !=} becomes {@code NotIn}.
   *
   * @throws IllegalStateException for {@link #nothing()}, whose fabric8 form is a missing selector
   * @throws IllegalArgumentException when a requirement uses {@code gt}/{@code lt}, which
   *     {@code matchExpressions} cannot express
   */
  public LabelSelector toFabric8() {
    if (nothing) {
      throw new IllegalStateException(
          "the nothing() selector has no LabelSelector form; it stands for a missing (null) selector");
    }
    Map<String, String> matchLabels = new LinkedHashMap<>();
    List<LabelSelectorRequirement> expressions = new ArrayList<>();
    for (LabelRequirement r : requirements) {
      LabelOperator op = r.operator();
      if ((op == LabelOperator.EQUALS || op == LabelOperator.DOUBLE_EQUALS) && !matchLabels.containsKey(r.key())) {
        matchLabels.put(r.key(), r.values().get(0));
        continue;
      }
      String name = switch (op) {
        case EQUALS, DOUBLE_EQUALS -> "In";
        case NOT_EQUALS -> "NotIn";
        case GREATER_THAN, LESS_THAN -> throw new IllegalArgumentException("label requirement '" + r
            + "' cannot be expressed as a LabelSelector: matchExpressions support In, NotIn, Exists, DoesNotExist");
        default -> op.expressionName().orElseThrow();
      };
      expressions.add(new LabelSelectorRequirementBuilder()
          .withKey(r.key()).withOperator(name).withValues(new ArrayList<>(r.values())).build());
    }
    return new LabelSelectorBuilder().withMatchLabels(matchLabels).withMatchExpressions(expressions).build();
  }

  /** Whether {@code labels} satisfy every requirement; always false for {@link #nothing()}. */
  public boolean matches(Map<String, String> labels) {
    requireNonNull(labels, "labels");
    if (nothing) {
      return false;
    }
    for (LabelRequirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** True for the selector without requirements, which matches everything (Kubernetes' {@code Empty()}). */
  public boolean matchesEverything() {
    return !nothing && requirements.isEmpty();
  }

  /** True for {@link #nothing()}. */
  public boolean matchesNothing() {
    return nothing;
  }

  /** The requirements, sorted by key; empty for both {@link #everything()} and {@link #nothing()}. */
  public List<LabelRequirement> requirements() {
    return requirements;
  }

  /**
   * The single value a label must have to match, when the first requirement on {@code key} is
   * {@code =}, {@code ==} or a one-value {@code in} (Kubernetes' {@code RequiresExactMatch}); lets an
   * informer index answer the query.
   */
  public Optional<String> requiredValue(String key) {
    requireNonNull(key, "key");
    for (LabelRequirement r : requirements) {
      if (r.key().equals(key)) {
        boolean exact = r.operator() == LabelOperator.EQUALS || r.operator() == LabelOperator.DOUBLE_EQUALS
            || r.operator() == LabelOperator.IN;
        return exact && r.values().size() == 1 ? Optional.of(r.values().get(0)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSelectorSpec other && nothing == other.nothing && requirements.equals(other.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + Boolean.hashCode(nothing);
  }

  /** Kubernetes' canonical text; empty for both {@link #everything()} and {@link #nothing()}. */
  @Override
  public String toString() {
    return String.join(",", requirements.stream().map(LabelRequirement::toString).toList());
  }
}
