package io.capstan.runtime.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deployments, ReplicaSets, DaemonSets, StatefulSets and ReplicationControllers, after the cases of
 * Kubernetes' TestValidateDeployment, TestValidateReplicaSet, TestValidateDaemonSet,
 * TestValidateStatefulSet (pkg/apis/apps/validation/validation_test.go) and
 * TestValidateReplicationController (pkg/apis/core/validation/validation_test.go).
 */
class WorkloadValidationTest {

  static final String TEMPLATE = "template:\n"
      + "  metadata: {labels: {app: web}}\n"
      + "  spec: {containers: [{name: web, image: nginx}]}\n";

  static String workload(String apiVersion, String kind, String spec) {
    return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: web, namespace: prod}\nspec:\n"
        + spec.stripIndent().indent(2);
  }

  static String deployment(String spec) {
    return workload("apps/v1", "Deployment", spec);
  }

  static Stream<Arguments> createCases() {
    String selector = "selector: {matchLabels: {app: web}}\n";
    return Stream.of(
        Arguments.of("valid deployment", deployment(selector + TEMPLATE), List.of()),
        Arguments.of("negative replicas (kubectl.md §4)", deployment("replicas: -1\n" + selector + TEMPLATE),
            List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("missing selector", deployment(TEMPLATE),
            List.of("spec.selector: Required value",
                "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`")),
        Arguments.of("empty selector", deployment("selector: {}\n" + TEMPLATE),
            List.of("spec.selector: Invalid value: {}: empty selector is invalid for deployment")),
        Arguments.of("selector does not match", deployment("selector: {matchLabels: {app: db}}\n" + TEMPLATE),
            List.of("spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`")),
        Arguments.of("bad selector expression", deployment("""
            selector:
              matchExpressions: [{key: app, operator: In}, {key: tier, operator: Exists, values: [x]}, {key: t, operator: Is}]
            """ + TEMPLATE),
            List.of("spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                "spec.selector.matchExpressions[2].operator: Invalid value: \"Is\": not a valid selector operator",
                "spec.selector: Invalid value: {\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\"},{\"key\":\"tier\","
                    + "\"operator\":\"Exists\",\"values\":[\"x\"]},{\"key\":\"t\",\"operator\":\"Is\"}]}: invalid label selector")),
        Arguments.of("restartPolicy must be Always", deployment(selector + TEMPLATE.replace("spec: {containers",
            "spec: {restartPolicy: Never, activeDeadlineSeconds: 5, containers")),
            List.of("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported")),
        Arguments.of("maxUnavailable and maxSurge both 0", deployment(selector + TEMPLATE
            + "strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 0%}}\n"),
            List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0")),
        Arguments.of("bad percentages", deployment(selector + TEMPLATE
            + "strategy: {rollingUpdate: {maxUnavailable: 110%, maxSurge: 5.5%}}\n"),
            List.of("spec.strategy.rollingUpdate.maxSurge: Invalid value: \"5.5%\": a valid percent string must be a"
                    + " numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%")),
        Arguments.of("Recreate with rollingUpdate, unknown type", deployment(selector + TEMPLATE
            + "strategy: {type: Recreate, rollingUpdate: {}}\n"),
            List.of("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'")),
        Arguments.of("unknown strategy", deployment(selector + TEMPLATE + "strategy: {type: BlueGreen}\n"),
            List.of("spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\"")),
        Arguments.of("progress deadline", deployment(selector + TEMPLATE + "minReadySeconds: 10\nprogressDeadlineSeconds: 10\n"),
            List.of("spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds")),
        Arguments.of("replicaset empty selector", workload("apps/v1", "ReplicaSet", "selector: {}\n" + TEMPLATE),
            List.of("spec.selector: Invalid value: {}: empty selector is invalid for deployment")),
        Arguments.of("daemonset strategy", workload("apps/v1", "DaemonSet", selector + TEMPLATE
            + "updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 1}}\n"),
            List.of("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero")),
        Arguments.of("daemonset both zero", workload("apps/v1", "DaemonSet", selector + TEMPLATE
            + "updateStrategy: {rollingUpdate: {maxUnavailable: 0}}\n"),
            List.of("spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0")),
        Arguments.of("daemonset empty selector", workload("apps/v1", "DaemonSet", "selector: {}\n" + TEMPLATE),
            List.of("spec.selector: Invalid value: {}: empty selector is invalid for daemonset")),
        Arguments.of("statefulset policies", workload("apps/v1", "StatefulSet", selector + TEMPLATE + """
            podManagementPolicy: Random
            updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}
            persistentVolumeClaimRetentionPolicy: {whenDeleted: Keep}
            """),
            List.of("spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
                "spec.updateStrategy.rollingUpdate: Invalid value: {\"partition\":1}: only allowed for updateStrategy 'RollingUpdate'",
                "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\": supported values:"
                    + " \"Retain\", \"Delete\"")),
        Arguments.of("statefulset negative partition", workload("apps/v1", "StatefulSet", selector + TEMPLATE
            + "updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: -1}}\n"),
            List.of("spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("statefulset zero maxUnavailable", workload("apps/v1", "StatefulSet", selector + TEMPLATE
            + "updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0}}\n"),
            List.of("spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0")),
        Arguments.of("statefulset maxUnavailable over 100%", workload("apps/v1", "StatefulSet", selector + TEMPLATE
            + "updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 120%}}\n"),
            List.of("spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"120%\": must not be greater than 100%")),
        Arguments.of("replication controller", workload("v1", "ReplicationController", "replicas: -2\nselector: {app: db}\n"
            + TEMPLATE),
            List.of("spec.replicas: Invalid value: -2: must be greater than or equal to 0",
                "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`")),
        Arguments.of("replication controller without selector", workload("v1", "ReplicationController", TEMPLATE),
            List.of("spec.selector: Required value")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void create(String name, String yaml, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.create(yaml))).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> updateCases() {
    String old = "selector: {matchLabels: {app: web}}\n" + TEMPLATE;
    String changed = "selector: {matchLabels: {app: web, tier: fe}}\n"
        + TEMPLATE.replace("{app: web}", "{app: web, tier: fe}");
    String immutable = "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"tier\":\"fe\"}}: field is immutable";
    return Stream.of(
        Arguments.of("deployment scale", deployment("replicas: 5\n" + old), deployment(old), List.of()),
        Arguments.of("deployment selector", deployment(changed), deployment(old), List.of(immutable)),
        Arguments.of("replicaset selector", workload("apps/v1", "ReplicaSet", changed), workload("apps/v1", "ReplicaSet", old),
            List.of(immutable)),
        Arguments.of("daemonset selector", workload("apps/v1", "DaemonSet", changed), workload("apps/v1", "DaemonSet", old),
            List.of(immutable)),
        Arguments.of("statefulset template and replicas", workload("apps/v1", "StatefulSet", "replicas: 3\n" + old
            .replace("image: nginx", "image: nginx:2")), workload("apps/v1", "StatefulSet", old), List.of()),
        Arguments.of("statefulset service name", workload("apps/v1", "StatefulSet", "serviceName: db\n" + old),
            workload("apps/v1", "StatefulSet", old),
            List.of("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals',"
                + " 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and"
                + " 'minReadySeconds' are forbidden")),
        Arguments.of("replication controller selector may change",
            workload("v1", "ReplicationController", "selector: {app: web, tier: fe}\n"
                + TEMPLATE.replace("{app: web}", "{app: web, tier: fe}")),
            workload("v1", "ReplicationController", "selector: {app: web}\n" + TEMPLATE), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updateCases")
  void update(String name, String yaml, String old, List<String> expected) {
    assertThat(Fixtures.messages(Fixtures.update(yaml, old))).containsExactlyElementsOf(expected);
  }
}
