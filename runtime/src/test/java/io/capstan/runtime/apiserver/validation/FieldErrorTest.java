package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages as Kubernetes' field.Error.ErrorBody builds them
 * (k8s.io/apimachinery/pkg/util/validation/field/errors.go and errors_test.go): values printed for
 * Invalid, NotSupported, Duplicate and NotFound, not for Required, Forbidden and TooLong.
 */
class FieldErrorTest {

  private static final FieldPath F = FieldPath.of("spec", "replicas");

  static Stream<Arguments> bodies() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("b", "2");
    labels.put("a", "1");
    return Stream.of(
        Arguments.of(new FieldErrors().invalid(F, -1, "must be greater than or equal to 0"),
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0", "FieldValueInvalid"),
        Arguments.of(new FieldErrors().invalid(F, "x", "bad"), "spec.replicas: Invalid value: \"x\": bad", "FieldValueInvalid"),
        Arguments.of(new FieldErrors().invalid(F, true, "d"), "spec.replicas: Invalid value: true: d", "FieldValueInvalid"),
        Arguments.of(new FieldErrors().invalid(F, null, "d"), "spec.replicas: Invalid value: null: d", "FieldValueInvalid"),
        Arguments.of(new FieldErrors().invalid(F, labels, "d"), "spec.replicas: Invalid value: {\"a\":\"1\",\"b\":\"2\"}: d",
            "FieldValueInvalid"),
        Arguments.of(new FieldErrors().invalid(F, List.of("a", "b"), "d"), "spec.replicas: Invalid value: [\"a\",\"b\"]: d",
            "FieldValueInvalid"),
        Arguments.of(new FieldErrors().invalid(F, new Quantity("1000m"), "d"), "spec.replicas: Invalid value: \"1\": d",
            "FieldValueInvalid"),
        Arguments.of(new FieldErrors().invalid(F, new IntOrString("25%"), "d"), "spec.replicas: Invalid value: \"25%\": d",
            "FieldValueInvalid"),
        Arguments.of(new FieldErrors().invalid(F, new IntOrString(0), "d"), "spec.replicas: Invalid value: 0: d",
            "FieldValueInvalid"),
        Arguments.of(new FieldErrors().required(F, ""), "spec.replicas: Required value", "FieldValueRequired"),
        Arguments.of(new FieldErrors().required(F, "why"), "spec.replicas: Required value: why", "FieldValueRequired"),
        Arguments.of(new FieldErrors().forbidden(F, "no"), "spec.replicas: Forbidden: no", "FieldValueForbidden"),
        Arguments.of(new FieldErrors().duplicate(F, "web"), "spec.replicas: Duplicate value: \"web\"", "FieldValueDuplicate"),
        Arguments.of(new FieldErrors().notFound(F, "data"), "spec.replicas: Not found: \"data\"", "FieldValueNotFound"),
        Arguments.of(new FieldErrors().notSupported(F, "Sometimes", List.of("Always", "OnFailure", "Never")),
            "spec.replicas: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
            "FieldValueNotSupported"),
        Arguments.of(new FieldErrors().tooLong(F, 262144), "spec.replicas: Too long: may not be more than 262144 bytes",
            "FieldValueTooLong"),
        Arguments.of(new FieldErrors().tooLong(F, 1), "spec.replicas: Too long: may not be more than 1 byte",
            "FieldValueTooLong"));
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void messageAndReasonMatchKubernetes(FieldErrors errs, String message, String reason) {
    FieldError e = errs.toList().get(0);
    assertThat(e.message()).isEqualTo(message);
    assertThat(e.type().reason()).isEqualTo(reason);
    assertThat(e.body()).isEqualTo(message.substring(e.field().length() + 2));
  }

  @Test
  void stringsAreQuotedAsGoQuotesThem() {
    assertThat(GoFormat.quote("a\"b\\c\nd\te")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\"");
    assertThat(GoFormat.quote("\u0001")).isEqualTo("\"\\x01\"");
    assertThat(GoFormat.quote("rā")).isEqualTo("\"rā\"");
    assertThat(GoFormat.quote("\u200b")).isEqualTo("\"\\u200b\"");
  }

  @Test
  void pathsPrintAsKubernetesPaths() {
    FieldPath p = FieldPath.of("spec", "template").child("spec", "containers").index(0).child("resources")
        .child("limits").key("cpu");
    assertThat(p).hasToString("spec.template.spec.containers[0].resources.limits[cpu]");
    assertThat(FieldPath.root("").key("x")).hasToString("[x]");
    assertThat(p.parent()).hasToString("spec.template.spec.containers[0].resources.limits");
  }

  @Test
  void toAdmissionKeepsFieldAndBody() {
    FieldError e = new FieldErrors().required(FieldPath.of("spec", "containers"), "").toList().get(0);
    assertThat(e.toAdmission().field()).isEqualTo("spec.containers");
    assertThat(e.toAdmission().message()).isEqualTo("Required value");
  }
}
