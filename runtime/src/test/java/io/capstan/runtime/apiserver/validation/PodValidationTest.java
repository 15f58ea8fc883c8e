package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pod rules, one case per rule of Kubernetes' ValidatePodSpec and ValidatePodUpdate
 * (pkg/apis/core/validation/validation.go; cases modelled on TestValidatePodSpec and
 * TestValidatePodUpdate in validation_test.go), with the exact messages.
 */
class PodValidationTest {

  private static final String HEAD = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: default}\n";

  static String pod(String spec) {
    return HEAD + "spec:\n" + spec.stripIndent().indent(2);
  }

  static Stream<Arguments> createCases() {
    return Stream.of(
        Arguments.of("no containers", pod("containers: []"), List.of("spec.containers: Required value")),
        Arguments.of("container without name and image", pod("containers: [{}]"),
            List.of("spec.containers[0].name: Required value", "spec.containers[0].image: Required value")),
        Arguments.of("bad container name", pod("containers: [{name: Web_1, image: nginx}]"),
            List.of("spec.containers[0].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must consist of lower"
                + " case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g."
                + " 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of("names unique across init and regular containers", pod("""
            containers: [{name: app, image: nginx}, {name: app, image: nginx}]
            initContainers: [{name: app, image: busybox}]"""),
            List.of("spec.containers[1].name: Duplicate value: \"app\"", "spec.initContainers[0].name: Duplicate value: \"app\"")),
        Arguments.of("ports", pod("""
            containers:
            - name: app
              image: nginx
              ports:
              - {name: http, containerPort: 0}
              - {name: http, containerPort: 70000, hostPort: -1, protocol: HTTP}
              - {name: 12345, containerPort: 80}"""),
            List.of("spec.containers[0].ports[0].containerPort: Required value",
                "spec.containers[0].ports[1].name: Duplicate value: \"http\"",
                "spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.containers[0].ports[1].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive",
                "spec.containers[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.containers[0].ports[2].name: Invalid value: \"12345\": must contain at least one letter (a-z)")),
        Arguments.of("env", pod("""
            containers:
            - name: app
              image: nginx
              env:
              - {name: ""}
              - {name: "A=B"}
              - name: X
                value: v
                valueFrom: {fieldRef: {fieldPath: metadata.name}}"""),
            List.of("spec.containers[0].env[0].name: Required value",
                "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist"
                    + " only of printable ASCII characters other than '='",
                "spec.containers[0].env[2].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty")),
        Arguments.of("requests above limits, negative quantities, odd names", pod("""
            containers:
            - name: app
              image: nginx
              resources:
                limits: {cpu: 500m, memory: 1Gi}
                requests: {cpu: "1", memory: -1Mi, gpu: "1"}"""),
            List.of("spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m",
                "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource type or fully qualified",
                "spec.containers[0].resources.requests[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0")),
        Arguments.of("extended resources are not overcommitted", pod("""
            containers:
            - name: app
              image: nginx
              resources:
                limits: {example.com/gpu: "2"}
                requests: {example.com/gpu: "1", example.com/fpga: "1"}"""),
            List.of("spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
                "spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2")),
        Arguments.of("policies", pod("""
            restartPolicy: Sometimes
            dnsPolicy: Custom
            containers: [{name: app, image: nginx, imagePullPolicy: Maybe}]"""),
            List.of("spec.containers[0].imagePullPolicy: Unsupported value: \"Maybe\": supported values: \"Always\","
                    + " \"IfNotPresent\", \"Never\"",
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
                "spec.dnsPolicy: Unsupported value: \"Custom\": supported values: \"ClusterFirstWithHostNet\","
                    + " \"ClusterFirst\", \"Default\", \"None\"")),
        Arguments.of("volumes and mounts", pod("""
            volumes:
            - {name: cache, emptyDir: {}}
            - {name: cache, emptyDir: {}}
            - {name: nothing}
            - {name: two, emptyDir: {}, configMap: {name: c}}
            containers:
            - name: app
              image: nginx
              volumeMounts:
              - {name: data, mountPath: /data}
              - {name: cache, mountPath: /data}"""),
            List.of("spec.volumes[1].name: Duplicate value: \"cache\"",
                "spec.volumes[2]: Required value: must specify a volume type",
                "spec.volumes[3].emptyDir: Forbidden: may not specify more than 1 volume type",
                "spec.containers[0].volumeMounts[0].name: Not found: \"data\"",
                "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/data\": must be unique")),
        Arguments.of("grace period and deadline", pod("""
            terminationGracePeriodSeconds: -5
            activeDeadlineSeconds: 0
            containers: [{name: app, image: nginx}]"""),
            List.of("spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
                "spec.terminationGracePeriodSeconds: Invalid value: -5: must be greater than or equal to 0")),
        Arguments.of("tolerations", pod("""
            containers: [{name: app, image: nginx}]
            tolerations:
            - {operator: Equal, value: x}
            - {key: k, operator: Exists, value: v}
            - {key: k, value: v, effect: NoSchedule, tolerationSeconds: 5}
            - {key: k, operator: Sometimes, effect: Never}"""),
            List.of("spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty,"
                    + " which means \"match all values and all keys\"",
                "spec.tolerations[1].operator: Invalid value: {\"key\":\"k\",\"operator\":\"Exists\",\"value\":\"v\"}: value"
                    + " must be empty when `operator` is 'Exists'",
                "spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when"
                    + " `tolerationSeconds` is set",
                "spec.tolerations[3].operator: Unsupported value: \"Sometimes\": supported values: \"Equal\", \"Exists\"",
                "spec.tolerations[3].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\","
                    + " \"PreferNoSchedule\", \"NoExecute\"")),
        Arguments.of("node name and node selector", pod("""
            nodeName: Node_1
            nodeSelector: {"-bad": ok}
            containers: [{name: app, image: nginx}]"""),
            List.of("spec.nodeSelector: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-',"
                    + " '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name', "
                    + " or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "spec.nodeName: Invalid value: \"Node_1\": a lowercase RFC 1123"
                    + " subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end"
                    + " with an alphanumeric character (e.g. 'example.com', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void create(String name, String yaml, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.create(yaml))).containsExactlyElementsOf(expected);
  }

  private static final String RUNNING = pod("""
      terminationGracePeriodSeconds: 30
      activeDeadlineSeconds: 100
      containers: [{name: app, image: "nginx:1.26", ports: [{containerPort: 80}]}]
      tolerations: [{key: a, operator: Exists, effect: NoExecute, tolerationSeconds: 10}]""");

  static Stream<Arguments> updateCases() {
    String allowed = "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
        + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it"
        + " to be set to 1 if it was previously negative)";
    return Stream.of(
        Arguments.of("new image, lower deadline, added toleration, changed tolerationSeconds", pod("""
            terminationGracePeriodSeconds: 30
            activeDeadlineSeconds: 50
            containers: [{name: app, image: "nginx:1.27", ports: [{containerPort: 80}]}]
            tolerations:
            - {key: a, operator: Exists, effect: NoExecute, tolerationSeconds: 20}
            - {key: b, operator: Exists}"""), List.of()),
        Arguments.of("raised deadline", RUNNING.replace("activeDeadlineSeconds: 100", "activeDeadlineSeconds: 200"),
            List.of("spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value")),
        Arguments.of("removed deadline", RUNNING.replace("  activeDeadlineSeconds: 100\n", ""),
            List.of("spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value")),
        Arguments.of("removed toleration", RUNNING.replace("tolerations: [{key: a, operator: Exists, effect: NoExecute,"
            + " tolerationSeconds: 10}]", "tolerations: []"),
            List.of("spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds")),
        Arguments.of("added container", RUNNING.replace("containers: [{", "containers: [{name: b, image: x}, {"),
            List.of("spec.containers: Forbidden: pod updates may not add or remove containers")),
        Arguments.of("changed port", RUNNING.replace("containerPort: 80", "containerPort: 81"),
            List.of("spec: Forbidden: pod updates may not change fields other than " + allowed + "\n"
                + "  - containers: [{\"image\":\"nginx:1.26\",\"name\":\"app\",\"ports\":[{\"containerPort\":80}]}]\n"
                + "  + containers: [{\"image\":\"nginx:1.26\",\"name\":\"app\",\"ports\":[{\"containerPort\":81}]}]\n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updateCases")
  void update(String name, String yaml, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.update(yaml, RUNNING))).containsExactlyElementsOf(expected);
  }

  @Test
  void schedulingGatesMayOnlyBeRemoved() {
    String gated = RUNNING + "\n  schedulingGates: [{name: example.com/queue}, {name: example.com/quota}]";
    String oneLeft = RUNNING + "\n  schedulingGates: [{name: example.com/quota}]";
    assertThat(Fixtures.messages(Fixtures.update(oneLeft, gated))).isEmpty();
    assertThat(Fixtures.messages(Fixtures.update(RUNNING, gated))).isEmpty();
    assertThat(Fixtures.messages(Fixtures.update(gated, oneLeft)))
        .containsExactly("spec.schedulingGates: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/queue'");
  }

  @Test
  void negativeGracePeriodMayBecomeOne() {
    // the stored pod predates the rule, so build the old one without validating it
    String old = RUNNING.replace("terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: -1");
    String now = RUNNING.replace("terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: 1");
    assertThat(Fixtures.messages(Fixtures.update(now, old))).isEmpty();
  }

  @Test
  void metadataUpdateRules() {
    String renamed = RUNNING.replace("name: web", "name: other").replace("namespace: default", "namespace: other");
    assertThat(Fixtures.messages(Fixtures.update(renamed, RUNNING))).containsExactly(
        "metadata.name: Invalid value: \"other\": field is immutable",
        "metadata.namespace: Invalid value: \"other\": field is immutable");
  }

  @Test
  void podTemplatesValidateTheirTemplate() {
    String yaml = """
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: t, namespace: default}
        template:
          metadata: {labels: {"a/b/c": x}}
          spec: {containers: []}
        """;
    assertThat(Fixtures.messages(Fixtures.create(yaml))).containsExactly(
        "template.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_'"
            + " or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
            + " '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS"
            + " subdomain prefix and '/' (e.g. 'example.com/MyName')",
        "template.spec.containers: Required value");
  }
}
