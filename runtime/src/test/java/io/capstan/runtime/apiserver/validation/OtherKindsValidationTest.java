package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ConfigMaps, Secrets, Namespaces, Nodes, RBAC, Leases, Ingresses, quotas and limit ranges, after
 * Kubernetes' TestValidateConfigMap, TestValidateSecret, TestValidateNamespace, TestValidateNode
 * (pkg/apis/core/validation), TestValidateRole/RoleBinding (pkg/apis/rbac/validation),
 * TestValidateLeaseSpec (pkg/apis/coordination/validation) and TestValidateIngress
 * (pkg/apis/networking/validation).
 */
class OtherKindsValidationTest {

  static String obj(String apiVersion, String kind, String meta, String body) {
    return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: " + meta + "\n" + body;
  }

  static String ns(String apiVersion, String kind, String body) {
    return obj(apiVersion, kind, "{name: x, namespace: default}", body);
  }

  static Stream<Arguments> createCases() {
    String big = "a".repeat(1024 * 1024);
    String rbac = "rbac.authorization.k8s.io/v1";
    return Stream.of(
        Arguments.of("configmap keys", ns("v1", "ConfigMap", "data: {\"..bad\": x, \"b*d\": y, ok: z}\nbinaryData: {ok: eg==}"),
            List.of("data[..bad]: Invalid value: \"..bad\": must not start with '..'",
                "data[b*d]: Invalid value: \"b*d\": a valid config key must consist of alphanumeric characters, '-', '_'"
                    + " or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
                "data[ok]: Invalid value: \"ok\": duplicate of key present in binaryData")),
        Arguments.of("configmap over 1 MiB", ns("v1", "ConfigMap", "data: {a: " + big + ", b: x}"),
            List.of(": Too long: may not be more than 1048576 bytes")),
        Arguments.of("secret over 1 MiB", ns("v1", "Secret", "stringData: {a: " + big + ", b: x}"),
            List.of("data: Too long: may not be more than 1048576 bytes")),
        Arguments.of("tls secret keys", ns("v1", "Secret", "type: kubernetes.io/tls\ndata: {tls.crt: "
            + Base64.getEncoder().encodeToString("c".getBytes()) + "}"),
            List.of("data[tls.key]: Required value")),
        Arguments.of("basic-auth secret", ns("v1", "Secret", "type: kubernetes.io/basic-auth"),
            List.of("data[%s][username]: Required value", "data[%s][password]: Required value")),
        Arguments.of("service account token secret", ns("v1", "Secret", "type: kubernetes.io/service-account-token"),
            List.of("metadata.annotations[kubernetes.io/service-account.name]: Required value")),
        Arguments.of("namespace name is a label, no namespace", obj("v1", "Namespace", "{name: a.b, namespace: x}",
            "spec: {finalizers: [kubernetes, custom]}"),
            List.of("metadata.name: Invalid value: \"a.b\": must not contain dots",
                "metadata.namespace: Forbidden: not allowed on this type",
                "spec.finalizers[1]: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified")),
        Arguments.of("node taints", obj("v1", "Node", "{name: n1}", """
            spec:
              taints:
              - {key: dedicated, value: gpu, effect: NoSchedule}
              - {key: dedicated, value: cpu, effect: NoSchedule}
              - {key: x, effect: Sometimes}
              - {key: y}"""),
            List.of("spec.taints[1]: Duplicate value: {\"effect\":\"NoSchedule\",\"key\":\"dedicated\",\"value\":\"cpu\"}:"
                    + " taints must be unique by key and effect pair",
                "spec.taints[2].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\","
                    + " \"PreferNoSchedule\", \"NoExecute\"",
                "spec.taints[3].effect: Required value")),
        Arguments.of("role rules", ns(rbac, "Role", """
            rules:
            - {apiGroups: [""], resources: [pods]}
            - {verbs: [get], nonResourceURLs: [/healthz]}
            - {verbs: [get]}"""),
            List.of("rules[0].verbs: Required value: verbs must contain at least one value",
                "rules[1].nonResourceURLs: Invalid value: [\"/healthz\"]: namespaced rules cannot apply to non-resource URLs",
                "rules[2].apiGroups: Required value: resource rules must supply at least one api group",
                "rules[2].resources: Required value: resource rules must supply at least one resource")),
        Arguments.of("rbac names are path segments", obj(rbac, "ClusterRole", "{name: \"a/b\"}", "rules: []"),
            List.of("metadata.name: Invalid value: \"a/b\": may not contain '/'")),
        Arguments.of("role binding", ns(rbac, "RoleBinding", """
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Pod, name: ""}
            subjects:
            - {kind: ServiceAccount, name: Bad_Name, apiGroup: x}
            - {kind: Robot, name: r2}"""),
            List.of("roleRef.kind: Unsupported value: \"Pod\": supported values: \"Role\", \"ClusterRole\"",
                "roleRef.name: Required value",
                "subjects[0].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case"
                    + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
                    + " 'example.com', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "subjects[0].apiGroup: Unsupported value: \"x\": supported values: \"\"",
                "subjects[1].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"")),
        Arguments.of("cluster role binding service account needs a namespace", obj(rbac, "ClusterRoleBinding", "{name: b}",
            "roleRef: {kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: sa}]"),
            List.of("subjects[0].namespace: Required value")),
        Arguments.of("lease", ns("coordination.k8s.io/v1", "Lease", "spec: {leaseDurationSeconds: 0, leaseTransitions: -1}"),
            List.of("spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
                "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("ingress without rules or backend", ns("networking.k8s.io/v1", "Ingress", "spec: {}"),
            List.of("spec: Invalid value: null: either `defaultBackend` or `rules` must be specified")),
        Arguments.of("ingress paths", ns("networking.k8s.io/v1", "Ingress", """
            spec:
              rules:
              - host: 10.0.0.1
                http:
                  paths:
                  - {path: /a, backend: {service: {name: web, port: {number: 80}}}}
                  - {path: api, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
                  - {path: /a//b, pathType: Exact, backend: {service: {name: 1web}}}
                  - {path: /, pathType: Glob, backend: {}}"""),
            List.of("spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address",
                "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
                "spec.rules[0].http.paths[1].path: Invalid value: \"api\": must be an absolute path",
                "spec.rules[0].http.paths[2].path: Invalid value: \"/a//b\": must not contain '//'",
                "spec.rules[0].http.paths[2].backend.service.name: Invalid value: \"1web\": a DNS-1035 label must consist"
                    + " of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an"
                    + " alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is"
                    + " '[a-z]([-a-z0-9]*[a-z0-9])?')",
                "spec.rules[0].http.paths[2].backend: Required value: port name or number is required",
                "spec.rules[0].http.paths[3].pathType: Unsupported value: \"Glob\": supported values: \"Exact\","
                    + " \"ImplementationSpecific\", \"Prefix\"",
                "spec.rules[0].http.paths[3].backend: Invalid value: \"\": resource or service backend is required")),
        Arguments.of("resource quota", ns("v1", "ResourceQuota", "spec: {hard: {cpu: -1, pods: 1500m, foo: 1},"
            + " scopes: [Sometimes]}"),
            List.of("spec.hard[cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
                "spec.hard[foo]: Invalid value: \"foo\": must be a standard resource type or fully qualified",
                "spec.hard[pods]: Invalid value: \"1500m\": must be an integer",
                "spec.scopes[0]: Unsupported value: \"Sometimes\": supported values: \"BestEffort\","
                    + " \"CrossNamespacePodAffinity\", \"NotBestEffort\", \"NotTerminating\", \"PriorityClass\", \"Terminating\"")),
        Arguments.of("limit range", ns("v1", "LimitRange", """
            spec:
              limits:
              - type: Container
                min: {cpu: "2"}
                max: {cpu: "1"}
                default: {cpu: 3}
              - {type: Node}"""),
            List.of("spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1",
                "spec.limits[0].default[cpu]: Invalid value: \"1\": default value 3 is greater than max value 1",
                "spec.limits[1].type: Unsupported value: \"Node\": supported values: \"Container\","
                    + " \"PersistentVolumeClaim\", \"Pod\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void create(String name, String yaml, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.create(yaml))).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> updateCases() {
    String rbac = "rbac.authorization.k8s.io/v1";
    return Stream.of(
        Arguments.of("immutable configmap", ns("v1", "ConfigMap", "immutable: false\ndata: {a: 2}"),
            ns("v1", "ConfigMap", "immutable: true\ndata: {a: 1}"),
            List.of("immutable: Forbidden: field is immutable when `immutable` is set",
                "data: Forbidden: field is immutable when `immutable` is set")),
        Arguments.of("secret type", ns("v1", "Secret", "type: kubernetes.io/tls\ndata: {tls.crt: eA==, tls.key: eA==}"),
            ns("v1", "Secret", "type: Opaque"),
            List.of("type: Invalid value: \"kubernetes.io/tls\": field is immutable")),
        Arguments.of("role binding roleRef", ns(rbac, "RoleBinding", "roleRef: {kind: Role, name: b}"),
            ns(rbac, "RoleBinding", "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: a}"),
            List.of("roleRef: Invalid value: {\"kind\":\"Role\",\"name\":\"b\"}: cannot change roleRef")),
        Arguments.of("node providerID", obj("v1", "Node", "{name: n1}", "spec: {providerID: b}"),
            obj("v1", "Node", "{name: n1}", "spec: {providerID: a}"),
            List.of("spec.providerID: Forbidden: node updates may not change providerID except from \"\" to valid")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updateCases")
  void update(String name, String yaml, String old, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.update(yaml, old))).containsExactlyElementsOf(expected);
  }
}
