package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Services, after the cases of Kubernetes' TestValidateServiceCreate and TestValidateServiceUpdate
 * (pkg/apis/core/validation/validation_test.go).
 */
class ServiceValidationTest {

  static String service(String name, String spec) {
    return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: default}\nspec:\n" + spec.indent(2);
  }

  static String service(String spec) {
    return service("web", spec);
  }

  static Stream<Arguments> createCases() {
    return Stream.of(
        Arguments.of("valid", service("selector: {app: web}\nports: [{port: 80, targetPort: 8080}]"), List.of()),
        Arguments.of("name is a DNS-1035 label", service("1web", "ports: [{port: 80}]"),
            List.of("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric"
                + " characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g."
                + " 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of("ports required", service("type: ClusterIP\nports: []"), List.of("spec.ports: Required value")),
        Arguments.of("headless needs no ports", service("clusterIP: None\nselector: {app: web}"), List.of()),
        Arguments.of("ExternalName needs no ports but a name", service("type: ExternalName"),
            List.of("spec.externalName: Required value")),
        Arguments.of("ExternalName must be a DNS name", service("type: ExternalName\nexternalName: Foo_Bar.com."),
            List.of("spec.externalName: Invalid value: \"Foo_Bar.com\": a lowercase RFC 1123 subdomain must consist of"
                + " lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
                + " character (e.g. 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        Arguments.of("port names required and unique when several", service("""
            ports:
            - {port: 80}
            - {name: http, port: 0, protocol: HTTP}
            - {name: http, port: 81, targetPort: 70000}"""),
            List.of("spec.ports[0].name: Required value",
                "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.ports[2].name: Duplicate value: \"http\"",
                "spec.ports[2].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive")),
        Arguments.of("duplicate port and protocol", service("ports: [{name: a, port: 80}, {name: b, port: 80, protocol: TCP}]"),
            List.of("spec.ports[1]: Duplicate value: {\"port\":80,\"protocol\":\"TCP\"}")),
        Arguments.of("type and affinity", service("type: Internal\nsessionAffinity: Sticky\nports: [{port: 80}]"),
            List.of("spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"",
                "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\","
                    + " \"LoadBalancer\", \"NodePort\"")),
        Arguments.of("nodePort with ClusterIP", service("type: ClusterIP\nports: [{port: 80, nodePort: 30080}]"),
            List.of("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")),
        Arguments.of("headless NodePort", service("type: NodePort\nclusterIP: None\nports: [{port: 80}]"),
            List.of("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services")),
        Arguments.of("bad cluster IP", service("clusterIP: 10.0.0.300\nports: [{port: 80}]"),
            List.of("spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or"
                + " 2001:db8::ffff)")),
        Arguments.of("externalTrafficPolicy on ClusterIP", service("type: ClusterIP\nexternalTrafficPolicy: Local\n"
            + "ports: [{port: 80}]"),
            List.of("spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services")),
        Arguments.of("kubelet port on LoadBalancer", service("type: LoadBalancer\nports: [{port: 10250}]"),
            List.of("spec.ports[0]: Invalid value: 10250: may not expose port 10250 externally since it is used by kubelet")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void create(String name, String yaml, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.create(yaml))).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> updateCases() {
    String old = service("clusterIP: 10.0.0.10\nports: [{port: 80}]");
    return Stream.of(
        Arguments.of("same clusterIP", service("clusterIP: 10.0.0.10\nports: [{port: 81}]"), old, List.of()),
        Arguments.of("no clusterIP keeps the stored one", service("ports: [{port: 80}]"), old, List.of()),
        Arguments.of("changed clusterIP", service("clusterIP: 10.0.0.11\nports: [{port: 80}]"), old,
            List.of("spec.clusterIPs[0]: Invalid value: [\"10.0.0.11\"]: may not change once set")),
        Arguments.of("to ExternalName", service("type: ExternalName\nexternalName: db.example.com"), old, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updateCases")
  void update(String name, String yaml, String old, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.update(yaml, old))).containsExactlyElementsOf(expected);
  }
}
