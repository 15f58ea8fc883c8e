package io.capstan.spi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases from Kubernetes' apimachinery {@code labels/selector_test.go} unless noted. */
class LabelSelectorSpecTest {

  @ParameterizedTest(name = "TestSelectorParse good: \"{0}\"")
  @ValueSource(strings = {"x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"})
  void restringsWithoutSpaces(String text) {
    assertThat(LabelSelectorSpec.parse(text).toString()).isEqualTo(text.replace(" ", ""));
  }

  @ParameterizedTest(name = "invalid: \"{0}\"")
  @ValueSource(strings = {
    "x=a||y=b", "x==a==b", "!x=a", "x<a", ",x,y", "x nott in (y)", "a in (xyz),", "a in (xyz)b notin ()",
    "a in (xyz abc)", "a notin(", "a (", "(", "x in a", "x=a,", "-x=y", "x=-y", "a/b/c", "/x",
    "Example.com/x", "x in (a b)", "x y",
  })
  void rejectsMalformedSelectors(String text) {
    assertThatThrownBy(() -> LabelSelectorSpec.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid label selector \"" + text + "\"");
  }

  @Test
  void errorNamesPositionAndExpectation() {
    assertThatThrownBy(() -> LabelSelectorSpec.parse("x=a,y in (b"))
        .hasMessageContaining("at position 11").hasMessageContaining("found end of string, expected: ',' or ')'");
    assertThatThrownBy(() -> LabelSelectorSpec.parse("x>abc")).hasMessageContaining("must be an integer");
    assertThatThrownBy(() -> LabelSelectorSpec.parse("a".repeat(64) + "=b"))
        .hasMessageContaining("name part must be no more than 63 characters");
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> canonicalCases() {
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("\rx", "x"),
        org.junit.jupiter.params.provider.Arguments.of("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"),
        org.junit.jupiter.params.provider.Arguments.of("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"),
        org.junit.jupiter.params.provider.Arguments.of("foo  in\t (abc)", "foo in (abc)"),
        org.junit.jupiter.params.provider.Arguments.of("x notin\n (abc)", "x notin (abc)"),
        org.junit.jupiter.params.provider.Arguments.of("x in (abc,)", "x in (,abc)"),
        org.junit.jupiter.params.provider.Arguments.of("x in ()", "x in ()"),
        org.junit.jupiter.params.provider.Arguments.of("x notin (abc,def),bar,z in (),w", "bar,w,x notin (abc,def),z in ()"),
        org.junit.jupiter.params.provider.Arguments.of("x notin (, a)", "x notin (,a)"),
        org.junit.jupiter.params.provider.Arguments.of("a ", "a"),
        org.junit.jupiter.params.provider.Arguments.of("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"),
        org.junit.jupiter.params.provider.Arguments.of("x=a,a=x", "a=x,x=a"),
        org.junit.jupiter.params.provider.Arguments.of("y==b,x!=a", "x!=a,y==b"),
        org.junit.jupiter.params.provider.Arguments.of("x,y", "x,y"),
        org.junit.jupiter.params.provider.Arguments.of("x in (a,,b)", "x in (,a,b)"));
  }

  @ParameterizedTest(name = "TestSetSelectorParser: \"{0}\" -> \"{1}\"")
  @org.junit.jupiter.params.provider.MethodSource("canonicalCases")
  void parsesToCanonicalText(String text, String canonical) {
    LabelSelectorSpec spec = LabelSelectorSpec.parse(text);
    assertThat(spec.toString()).isEqualTo(canonical);
    assertThat(LabelSelectorSpec.parse(spec.toString())).isEqualTo(spec);
  }

  @Test
  void emptyInParsesAsTheEmptyValueLikeKubernetes() {
    // "x in ()" is accepted by labels.Parse and means x in (""): only an empty x label matches
    LabelSelectorSpec spec = LabelSelectorSpec.parse("x in ()");
    assertThat(spec.requirements().get(0).values()).containsExactly("");
    assertThat(spec.matches(Map.of("x", ""))).isTrue();
    assertThat(spec.matches(Map.of("x", "a"))).isFalse();
    // while the structured form and the constructor reject an empty value set
    assertThatThrownBy(() -> new LabelRequirement("x", LabelOperator.IN, List.of()))
        .hasMessageContaining("values set can't be empty");
  }

  @ParameterizedTest(name = "TestSelectorMatches: \"{0}\" on {1} = {2}")
  @CsvSource(delimiter = '|', value = {
    "| x:y| true", "x=y| x:y| true", "x=y,z=w| x:y z:w| true", "x!=y,z!=w| x:z z:a| true",
    "notin=in| notin:in| true", "x| x:z| true", "!x| y:z| true", "x>1| x:2| true", "x<1| x:0| true",
    "x=z| | false", "x=y| x:z| false", "x=y,z=w| x:w z:w| false", "x!=y,z!=w| x:z z:w| false",
    "x| y:z| false", "!x| x:z| false", "x>1| x:0| false", "x<1| x:2| false", "x>1| x:v2| false",
    "x notin ()| y:| true", "x in (a,b)| x:b| true", "x notin (a,b)| | true", "x notin (a,b)| x:a| false",
    "x=| x:| true", "x=| | false", "x!=| | true", "foo=bar,foobar=bar,baz=blah| foo:bar baz:blah| false",
  })
  void matchesLikeKubernetes(String selector, String labels, boolean expected) {
    assertThat(LabelSelectorSpec.parse(selector == null ? "" : selector).matches(labels(labels))).isEqualTo(expected);
  }

  @Test
  void everythingAndNothingAreDistinct() {
    assertThat(LabelSelectorSpec.everything().matches(Map.of())).isTrue();
    assertThat(LabelSelectorSpec.everything().matchesEverything()).isTrue();
    assertThat(LabelSelectorSpec.nothing().matches(Map.of())).isFalse();
    assertThat(LabelSelectorSpec.nothing().matches(Map.of("a", "b"))).isFalse();
    assertThat(LabelSelectorSpec.nothing().matchesNothing()).isTrue();
    assertThat(LabelSelectorSpec.nothing()).isNotEqualTo(LabelSelectorSpec.everything());
    assertThat(LabelSelectorSpec.fromFabric8(null)).isEqualTo(LabelSelectorSpec.nothing());
    assertThat(LabelSelectorSpec.fromFabric8(new LabelSelector())).isEqualTo(LabelSelectorSpec.everything());
    assertThat(LabelSelectorSpec.parse("")).isEqualTo(LabelSelectorSpec.everything());
    assertThat(LabelSelectorSpec.matchingLabels(Map.of())).isEqualTo(LabelSelectorSpec.everything());
    assertThatThrownBy(() -> LabelSelectorSpec.nothing().toFabric8()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void bothFormsAgree() {
    LabelSelector fabric8 = new LabelSelectorBuilder()
        .addToMatchLabels("app", "web")
        .addNewMatchExpression().withKey("env").withOperator("In").withValues("staging", "prod").endMatchExpression()
        .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("db").endMatchExpression()
        .addNewMatchExpression().withKey("team").withOperator("Exists").endMatchExpression()
        .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression()
        .build();
    LabelSelectorSpec fromObject = LabelSelectorSpec.fromFabric8(fabric8);
    LabelSelectorSpec fromText = LabelSelectorSpec.parse("team, env in (prod,staging), tier notin (db),!canary,app=web");
    assertThat(fromObject).isEqualTo(fromText);
    assertThat(fromObject.toString()).isEqualTo("app=web,!canary,env in (prod,staging),team,tier notin (db)");
    assertThat(LabelSelectorSpec.fromFabric8(fromText.toFabric8())).isEqualTo(fromText);
    Map<String, String> pod = Map.of("app", "web", "env", "prod", "team", "a");
    assertThat(fromObject.matches(pod)).isTrue().isEqualTo(fromText.matches(pod));
  }

  @Test
  void toFabric8UsesMatchLabelsForEqualityAndExpressionsOtherwise() {
    LabelSelector out = LabelSelectorSpec.parse("a=1,a==2,b!=3").toFabric8();
    assertThat(out.getMatchLabels()).containsExactlyEntriesOf(Map.of("a", "1"));
    assertThat(out.getMatchExpressions()).extracting(e -> e.getKey() + " " + e.getOperator() + " " + e.getValues())
        .containsExactly("a In [2]", "b NotIn [3]");
    assertThatThrownBy(() -> LabelSelectorSpec.parse("x>1").toFabric8()).hasMessageContaining("cannot be expressed");
  }

  @Test
  void fabric8ErrorsNameTheField() {
    LabelSelector emptyIn = new LabelSelectorBuilder()
        .addNewMatchExpression().withKey("a").withOperator("Exists").endMatchExpression()
        .addNewMatchExpression().withKey("b").withOperator("In").endMatchExpression().build();
    assertThatThrownBy(() -> LabelSelectorSpec.fromFabric8(emptyIn))
        .hasMessageContaining("matchExpressions[1]").hasMessageContaining("values set can't be empty");
    LabelSelector badOp = new LabelSelectorBuilder()
        .addNewMatchExpression().withKey("a").withOperator("in").withValues("x").endMatchExpression().build();
    assertThatThrownBy(() -> LabelSelectorSpec.fromFabric8(badOp))
        .hasMessageContaining("matchExpressions[0].operator: 'in' is not a valid label selector operator");
    LabelSelector badLabel = new LabelSelectorBuilder().addToMatchLabels("a", "not valid").build();
    assertThatThrownBy(() -> LabelSelectorSpec.fromFabric8(badLabel)).hasMessageContaining("matchLabels[a]");
  }

  @Test
  void requiredValueSupportsIndexLookups() {
    LabelSelectorSpec spec = LabelSelectorSpec.parse("app=web,env in (prod),tier in (a,b)");
    assertThat(spec.requiredValue("app")).contains("web");
    assertThat(spec.requiredValue("env")).contains("prod");
    assertThat(spec.requiredValue("tier")).isEmpty();
    assertThat(spec.requiredValue("other")).isEmpty();
  }

  @Test
  void keyAndValueValidationFollowsKubernetes() {
    // TestRequirementConstructor
    assertThat(LabelValidation.isQualifiedName("1foo")).isTrue();
    assertThat(LabelValidation.isQualifiedName("1234")).isTrue();
    assertThat(LabelValidation.isQualifiedName("a".repeat(254))).isFalse();
    assertThat(LabelValidation.isQualifiedName("example.com/" + "a".repeat(63))).isTrue();
    assertThat(LabelValidation.isQualifiedName("a".repeat(253) + "/x")).isTrue();
    assertThat(LabelValidation.isQualifiedName("a".repeat(254) + "/x")).isFalse();
    assertThat(LabelValidation.qualifiedNameErrors("/x")).containsExactly("prefix part must be non-empty");
    assertThat(LabelValidation.qualifiedNameErrors("x/")).containsExactly("name part must be non-empty");
    assertThat(LabelValidation.isLabelValue("")).isTrue();
    assertThat(LabelValidation.isLabelValue("a_b.c-d")).isTrue();
    assertThat(LabelValidation.isLabelValue("-a")).isFalse();
    assertThat(LabelValidation.isLabelValue("a".repeat(64))).isFalse();
  }

  private static Map<String, String> labels(String spec) {
    if (spec == null || spec.isBlank()) {
      return Map.of();
    }
    java.util.Map<String, String> out = new java.util.HashMap<>();
    for (String pair : spec.strip().split(" ")) {
      String[] kv = pair.split(":", -1);
      out.put(kv[0], kv[1]);
    }
    return out;
  }
}
