package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ObjectMeta rules for every kind, after Kubernetes' TestValidateObjectMeta* cases
 * (k8s.io/apimachinery/pkg/api/validation/objectmeta_test.go).
 */
class MetaValidationTest {

  private static final ResourceKind WIDGET = ResourceKind.of("example.com", "v1", "Widget", "widgets", true,
      GenericKubernetesResource.class);

  static String cm(String meta) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: " + meta + "\n";
  }

  static Stream<Arguments> createCases() {
    return Stream.of(
        Arguments.of("name or generateName", cm("{namespace: default}"),
            List.of("metadata.name: Required value: name or generateName is required")),
        Arguments.of("generateName checked as a prefix", cm("{generateName: Web-, name: web-x1, namespace: default}"),
            List.of("metadata.generateName: Invalid value: \"Web-\": a lowercase RFC 1123 subdomain must consist of lower"
                + " case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
                + " 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        Arguments.of("namespace required", cm("{name: c}"), List.of("metadata.namespace: Required value")),
        Arguments.of("namespace must be a label", cm("{name: c, namespace: a.b}"),
            List.of("metadata.namespace: Invalid value: \"a.b\": must not contain dots")),
        Arguments.of("cluster-scoped kinds have no namespace",
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r, namespace: default}\n",
            List.of("metadata.namespace: Forbidden: not allowed on this type")),
        Arguments.of("labels", cm("{name: c, namespace: d, labels: {\"example.com/\": ok, app: \"-bad-\"}}"),
            List.of("metadata.labels: Invalid value: \"-bad-\": a valid label must be an empty string or consist of"
                    + " alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
                    + " (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
                    + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
                "metadata.labels: Invalid value: \"example.com/\": name part must be non-empty",
                "metadata.labels: Invalid value: \"example.com/\": name part must consist of alphanumeric characters,"
                    + " '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or"
                    + " 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
        Arguments.of("annotation keys ignore case", cm("{name: c, namespace: d, annotations: {Example.COM/Key: v}}"),
            List.of()),
        Arguments.of("negative generation", cm("{name: c, namespace: d, generation: -1}"),
            List.of("metadata.generation: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("owner references", cm("{name: c, namespace: d, ownerReferences: ["
            + "{apiVersion: apps/, kind: \"\", name: \"\", uid: \"\", controller: true},"
            + " {apiVersion: v1, kind: Event, name: e, uid: \"1\", controller: true}]}"),
            List.of("metadata.ownerReferences.apiVersion: Invalid value: \"apps/\": version must not be empty",
                "metadata.ownerReferences.kind: Invalid value: \"\": kind must not be empty",
                "metadata.ownerReferences.name: Invalid value: \"\": name must not be empty",
                "metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty",
                "metadata.ownerReferences: Invalid value: {\"apiVersion\":\"v1\",\"kind\":\"Event\",\"controller\":true,"
                    + "\"name\":\"e\",\"uid\":\"1\"}: /v1, Kind=Event is disallowed from being an owner",
                "metadata.ownerReferences: Invalid value: [{\"apiVersion\":\"apps/\",\"kind\":\"\",\"controller\":true,"
                    + "\"name\":\"\",\"uid\":\"\"},{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"controller\":true,\"name\":"
                    + "\"e\",\"uid\":\"1\"}]: Only one reference can have Controller set to true. Found \"true\" in"
                    + " references for / and Event/e")),
        Arguments.of("finalizers", cm("{name: c, namespace: d, finalizers: [orphan, foregroundDeletion, mine, example.com/ok]}"),
            List.of("metadata.finalizers: Invalid value: [\"orphan\",\"foregroundDeletion\",\"mine\",\"example.com/ok\"]:"
                    + " finalizer orphan and foregroundDeletion cannot be both set",
                "metadata.finalizers[2]: Invalid value: \"mine\": name is neither a standard finalizer name nor is it"
                    + " fully qualified")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void create(String name, String yaml, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.create(yaml))).containsExactlyElementsOf(expected);
  }

  @Test
  void annotationsAreLimitedTo256KiB() {
    String yaml = cm("{name: c, namespace: d, annotations: {a: " + "x".repeat(256 * 1024) + "}}");
    assertThat(Fixtures.messages(Fixtures.create(yaml)))
        .containsExactly("metadata.annotations: Too long: may not be more than 262144 bytes");
  }

  @Test
  void pluginKindsGetObjectMetaAndTheSchemaHook() {
    GenericKubernetesResource widget = new GenericKubernetesResource();
    widget.setApiVersion("example.com/v1");
    widget.setKind("Widget");
    widget.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("Big_Widget")
        .withNamespace("default").withFinalizers("mine").build());
    widget.setAdditionalProperties(Map.of("spec", Map.of("size", "huge")));
    SchemaCheck schema = (kind, obj) -> List.of(new FieldError(ErrorType.TYPE_INVALID, "spec.size", "huge",
        "must be of type integer"));
    assertThat(Fixtures.messages(Validators.validateCreate(WIDGET, widget, schema))).containsExactly(
        "metadata.name: Invalid value: \"Big_Widget\": a lowercase RFC 1123 subdomain must consist of lower case"
            + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
            + " 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        "spec.size: Invalid value: \"huge\": must be of type integer");
  }

  @Test
  void genericObjectsOfBuiltInKindsAreConverted() throws Exception {
    HasMetadata generic = Fixtures.YAML.readValue(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: d}\nspec: {containers: []}\n",
        GenericKubernetesResource.class);
    assertThat(Fixtures.messages(Validators.validateCreate(Fixtures.kind("Pod"), generic)))
        .containsExactly("spec.containers: Required value");
  }

  static Stream<Arguments> updateCases() {
    String old = cm("{name: c, namespace: d, uid: u1, generation: 2, labels: {a: b}}");
    return Stream.of(
        Arguments.of("labels may change", cm("{name: c, namespace: d, uid: u1, generation: 2, labels: {a: c}}"), old, List.of()),
        Arguments.of("an empty uid keeps the stored one", cm("{name: c, namespace: d, generation: 2}"), old, List.of()),
        Arguments.of("uid and generation", cm("{name: c, namespace: d, uid: u2, generation: 1}"), old,
            List.of("metadata.generation: Invalid value: 1: must not be decremented",
                "metadata.uid: Invalid value: \"u2\": field is immutable")),
        Arguments.of("no new finalizers while deleting",
            cm("{name: c, namespace: d, deletionTimestamp: \"2024-01-01T00:00:00Z\", finalizers: [a.io/x, b.io/y]}"),
            cm("{name: c, namespace: d, deletionTimestamp: \"2024-01-01T00:00:00Z\", finalizers: [a.io/x]}"),
            List.of("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted,"
                + " found new finalizers []string{\"b.io/y\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updateCases")
  void update(String name, String yaml, String old, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.update(yaml, old))).containsExactlyElementsOf(expected);
  }
}
