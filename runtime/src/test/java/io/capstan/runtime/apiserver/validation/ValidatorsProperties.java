package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the text in names, labels, annotations, keys and quantities, validation answers with a
 * list (it never throws), leaves the object as it was, and its errors render as a Status; and
 * well-formed values are never refused.
 */
class ValidatorsProperties {

  @Property(tries = 300)
  void anyTextIsReportedNeverThrown(@ForAll("text") String name, @ForAll("text") String key,
      @ForAll("text") String value, @ForAll("text") String quantity) {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(value)
        .withGenerateName(key).withLabels(Map.of(key, value)).withAnnotations(Map.of(value, key))
        .withFinalizers(name).endMetadata().withData(Map.of(key, value)).build();
    Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(Map.of(key, value))
        .endMetadata().withNewSpec().withNodeName(value).withRestartPolicy(key).addNewContainer().withName(name)
        .withImage(value).withNewResources().withRequests(Map.of(key, rawQuantity(quantity)))
        .withLimits(Map.of("cpu", rawQuantity(quantity))).endResources().addNewPort().withName(key)
        .withContainerPort(value.length()).endPort().addNewEnv().withName(key).withValue(value).endEnv().endContainer()
        .addNewToleration().withKey(key).withOperator(value).endToleration().endSpec().build();
    for (HasMetadata obj : List.of(cm, pod)) {
      String before = json(obj);
      var kind = Fixtures.kindOf(obj);
      List<FieldError> errors = Validators.validateCreate(kind, obj);
      List<FieldError> updateErrors = Validators.validateUpdate(kind, obj, obj);
      assertThat(json(obj)).as("validation leaves the object unchanged").isEqualTo(before);
      for (List<FieldError> list : List.of(errors, updateErrors)) {
        list.forEach(e -> assertThat(e.message()).startsWith(e.field() + ": "));
        if (!list.isEmpty()) {
          assertThat(InvalidStatus.of(kind, name, list).getMessage()).contains(" is invalid: ");
        }
      }
    }
  }

  @Property(tries = 300)
  void wellFormedValuesAreAccepted(@ForAll("labels") String name, @ForAll("qualifiedNames") String key,
      @ForAll("labelValues") String value) {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(name)
        .withLabels(Map.of(key, value)).withAnnotations(Map.of(key.toUpperCase(java.util.Locale.ROOT), value))
        .endMetadata().withData(Map.of(name, value)).build();
    assertThat(Fixtures.messages(Validators.validateCreate(Fixtures.kind("ConfigMap"), cm))).isEmpty();
    assertThat(NameRules.dns1123Subdomain(name + "." + name)).isEmpty();
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings().withChars("abcAB09-._/%:=@*?!\"\\ \t\n").ofMaxLength(80),
        Arbitraries.of("", ".", "..", "-", "a/b/c", "/", "None", "1Gi", "-1", "500m", "Always", "Exists"),
        Arbitraries.strings().withChars('a', 'z').ofMinLength(60).ofMaxLength(300));
  }

  @Provide
  Arbitrary<String> labels() {
    Arbitrary<String> edge = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofLength(1);
    Arbitrary<String> middle = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
        .ofMaxLength(61);
    return net.jqwik.api.Combinators.combine(edge, middle, edge).as((a, m, b) -> m.isEmpty() ? a : a + m + b);
  }

  @Provide
  Arbitrary<String> qualifiedNames() {
    Arbitrary<String> edge = Arbitraries.strings().alpha().numeric().ofLength(1);
    Arbitrary<String> middle = Arbitraries.strings().alpha().numeric().withChars('-', '_', '.').ofMaxLength(61);
    Arbitrary<String> name = net.jqwik.api.Combinators.combine(edge, middle, edge).as((a, m, b) -> a + m + b);
    return net.jqwik.api.Combinators.combine(Arbitraries.of("", "example.com/", "a.b-c.io/"), name).as(String::concat);
  }

  @Provide
  Arbitrary<String> labelValues() {
    return Arbitraries.oneOf(Arbitraries.just(""), qualifiedNames().filter(s -> !s.contains("/")));
  }

  /** A quantity holding any text: fabric8's String constructor refuses bad text, JSON decoding keeps it. */
  private static Quantity rawQuantity(String text) {
    Quantity q = new Quantity();
    q.setAmount(text);
    return q;
  }

  private static String json(Object obj) {
    try {
      return KubeJson.mapper().writeValueAsString(obj);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
