package io.capstan.runtime.apiserver.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.validation.FieldError;
import io.capstan.spi.api.KubeJson;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each keyword's verdict (several problems of one value are all reported, split by {@code ;;}) and Kubernetes' wording of it (kube-openapi's validate errors, as kubectl shows them). */
class SchemaValidatorTest {

  private static final String SPEC = """
      {"type": "object", "required": ["image"], "properties": {
        "image": {"type": "string", "minLength": 1, "pattern": "^[a-z]+$", "maxLength": 8},
        "replicas": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 10},
        "ratio": {"type": "number", "exclusiveMaximum": true, "maximum": 1},
        "colour": {"type": "string", "enum": ["red", "green"]},
        "ports": {"type": "array", "maxItems": 2, "minItems": 1, "items": {"type": "integer"}},
        "target": {"x-kubernetes-int-or-string": true},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "note": {"type": "string", "nullable": true},
        "on": {"type": "boolean"}
      }}""";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"image": "nginx"}                                  | <none>
      {"image": "nginx", "replicas": 3, "colour": "red"}  | <none>
      {}                                                  | spec.image: Required value
      {"image": 7}                                        | spec.image: Invalid value: "integer": spec.image in body must be of type string: "integer"
      {"image": "nginx", "replicas": "three"}             | spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"
      {"image": "nginx", "replicas": 1.5}                 | spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"
      {"image": "nginx", "replicas": 11}                  | spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10
      {"image": "nginx", "replicas": -1}                  | spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0
      {"image": "nginx", "replicas": 3000000000}          | spec.replicas: Invalid value: 3000000000: spec.replicas in body must be of type int32: "3000000000"
      {"image": "nginx", "ratio": 1}                      | spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1
      {"image": "nginx", "colour": "pink"}                | spec.colour: Unsupported value: "pink": supported values: "red", "green"
      {"image": "Nginx"}                                  | spec.image: Invalid value: "Nginx": spec.image in body should match '^[a-z]+$'
      {"image": ""}                                       | spec.image: Invalid value: "": spec.image in body should be at least 1 chars long ;; spec.image: Invalid value: "": spec.image in body should match '^[a-z]+$'
      {"image": "abcdefghij"}                             | spec.image: Too long: may not be more than 8 bytes
      {"image": "a", "ports": [1, 2, 3]}                  | spec.ports: Too many: 3: must have at most 2 items
      {"image": "a", "ports": []}                         | spec.ports: Invalid value: 0: spec.ports in body should have at least 1 items
      {"image": "a", "ports": [1, "x"]}                   | spec.ports[1]: Invalid value: "string": spec.ports[1] in body must be of type integer: "string"
      {"image": "a", "target": 8080}                      | <none>
      {"image": "a", "target": "http"}                    | <none>
      {"image": "a", "target": true}                      | spec.target: Invalid value: "boolean": spec.target in body must be of type integer,string: "boolean"
      {"image": "a", "labels": {"x": 1}}                  | spec.labels.x: Invalid value: "integer": spec.labels.x in body must be of type string: "integer"
      {"image": "a", "note": null}                        | <none>
      {"image": "a", "on": null}                          | spec.on: Invalid value: "null": spec.on in body must be of type boolean: "null"
      """)
  void validatesLikeKubeOpenapi(String spec, String expected) throws Exception {
    JsonNode schema = KubeJson.mapper().readTree(SPEC);
    List<String> messages = SchemaValidator.validate(schema, KubeJson.mapper().readTree(spec), "spec").stream()
        .map(FieldError::message).toList();
    if (expected.equals("<none>")) {
      assertThat(messages).isEmpty();
    } else {
      assertThat(messages).containsExactly(expected.split(" ;; "));
    }
  }
}
