package io.capstan.plugins.admission.defaultvalues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per kind: an object as a user writes it, and the fields Kubernetes 1.32 fills in
 * (pkg/apis/core/v1/defaults.go, apps/v1, batch/v1, networking/v1, rbac/v1, scheduling/v1 and their
 * defaults_test.go cases), checked by JSON pointer.
 */
class DefaultValuesTest {

  private static final String POD_SPEC = "  containers:\n  - name: web\n    image: nginx\n";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("pod", """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: d}
            spec:
              volumes:
              - {name: cfg, configMap: {name: c}}
              - {name: tok, projected: {sources: [{serviceAccountToken: {path: token}}]}}
              containers:
              - name: web
                image: nginx
                ports: [{containerPort: 80}]
                resources: {limits: {cpu: "1", memory: 1Gi}, requests: {cpu: 500m}}
                readinessProbe: {httpGet: {port: 80}}
                env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
              - {name: side, image: "registry.local:5000/side:1.2"}
              initContainers:
              - {name: init, image: "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
            """, Map.ofEntries(
                Map.entry("/spec/restartPolicy", "\"Always\""),
                Map.entry("/spec/dnsPolicy", "\"ClusterFirst\""),
                Map.entry("/spec/terminationGracePeriodSeconds", "30"),
                Map.entry("/spec/schedulerName", "\"default-scheduler\""),
                Map.entry("/spec/securityContext", "{}"),
                Map.entry("/spec/enableServiceLinks", "true"),
                Map.entry("/spec/containers/0/imagePullPolicy", "\"Always\""),
                Map.entry("/spec/containers/1/imagePullPolicy", "\"IfNotPresent\""),
                Map.entry("/spec/initContainers/0/imagePullPolicy", "\"IfNotPresent\""),
                Map.entry("/spec/containers/0/terminationMessagePath", "\"/dev/termination-log\""),
                Map.entry("/spec/containers/0/terminationMessagePolicy", "\"File\""),
                Map.entry("/spec/containers/0/ports/0/protocol", "\"TCP\""),
                Map.entry("/spec/containers/0/resources/requests", "{\"cpu\":\"500m\",\"memory\":\"1Gi\"}"),
                Map.entry("/spec/containers/0/readinessProbe",
                    "{\"failureThreshold\":3,\"httpGet\":{\"path\":\"/\",\"port\":80,\"scheme\":\"HTTP\"},"
                        + "\"periodSeconds\":10,\"successThreshold\":1,\"timeoutSeconds\":1}"),
                Map.entry("/spec/containers/0/env/0/valueFrom/fieldRef/apiVersion", "\"v1\""),
                Map.entry("/spec/volumes/0/configMap/defaultMode", "420"),
                Map.entry("/spec/volumes/1/projected/defaultMode", "420"),
                Map.entry("/spec/volumes/1/projected/sources/0/serviceAccountToken/expirationSeconds", "3600"))),
        Arguments.of("deployment", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: n}\nspec:\n"
            + "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n"
            + POD_SPEC.indent(4), Map.of(
                "/spec/replicas", "1",
                "/spec/strategy", "{\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":\"25%\"},\"type\":\"RollingUpdate\"}",
                "/spec/revisionHistoryLimit", "10",
                "/spec/progressDeadlineSeconds", "600",
                "/spec/template/spec/restartPolicy", "\"Always\"",
                "/spec/template/spec/containers/0/imagePullPolicy", "\"Always\"")),
        Arguments.of("replicaset", "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r, namespace: n}\nspec:\n"
            + "  template:\n    spec:\n" + POD_SPEC.indent(4), Map.of("/spec/replicas", "1",
                "/spec/template/spec/dnsPolicy", "\"ClusterFirst\"")),
        Arguments.of("statefulset", "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s, namespace: n}\nspec:\n"
            + "  volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce]}}]\n"
            + "  template:\n    spec:\n" + POD_SPEC.indent(4), Map.of(
                "/spec/replicas", "1",
                "/spec/podManagementPolicy", "\"OrderedReady\"",
                "/spec/updateStrategy", "{\"rollingUpdate\":{\"partition\":0},\"type\":\"RollingUpdate\"}",
                "/spec/revisionHistoryLimit", "10",
                "/spec/persistentVolumeClaimRetentionPolicy", "{\"whenDeleted\":\"Retain\",\"whenScaled\":\"Retain\"}",
                "/spec/volumeClaimTemplates/0/spec/volumeMode", "\"Filesystem\"")),
        Arguments.of("daemonset", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: s, namespace: n}\nspec:\n"
            + "  template:\n    spec:\n" + POD_SPEC.indent(4), Map.of(
                "/spec/updateStrategy", "{\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":1},\"type\":\"RollingUpdate\"}",
                "/spec/revisionHistoryLimit", "10")),
        Arguments.of("replicationcontroller", "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r, namespace: n}\n"
            + "spec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n" + POD_SPEC.indent(4), Map.of(
                "/spec/replicas", "1",
                "/spec/selector", "{\"app\":\"web\"}",
                "/metadata/labels", "{\"app\":\"web\"}")),
        Arguments.of("job", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, namespace: n}\nspec:\n"
            + "  template:\n    metadata: {labels: {app: pi}}\n    spec:\n      restartPolicy: Never\n"
            + POD_SPEC.indent(4), Map.of(
                "/spec/completions", "1",
                "/spec/parallelism", "1",
                "/spec/backoffLimit", "6",
                "/spec/completionMode", "\"NonIndexed\"",
                "/spec/suspend", "false",
                "/spec/podReplacementPolicy", "\"TerminatingOrFailed\"",
                "/metadata/labels", "{\"app\":\"pi\"}",
                "/spec/template/spec/restartPolicy", "\"Never\"")),
        Arguments.of("parallel job keeps completions unset", "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, namespace: n}\n"
            + "spec:\n  parallelism: 3\n  template:\n    spec:\n" + POD_SPEC.indent(4), Map.of(
                "/spec/parallelism", "3",
                "/spec/completions", "null")),
        Arguments.of("cronjob", "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: n}\nspec:\n"
            + "  schedule: \"@daily\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            + POD_SPEC.indent(8), Map.of(
                "/spec/concurrencyPolicy", "\"Allow\"",
                "/spec/suspend", "false",
                "/spec/successfulJobsHistoryLimit", "3",
                "/spec/failedJobsHistoryLimit", "1",
                "/spec/jobTemplate/spec/template/spec/terminationGracePeriodSeconds", "30",
                "/spec/jobTemplate/spec/backoffLimit", "null")),
        Arguments.of("service", "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: n}\nspec:\n"
            + "  ports: [{port: 80}, {port: 443, targetPort: https}]\n", Map.of(
                "/spec/type", "\"ClusterIP\"",
                "/spec/sessionAffinity", "\"None\"",
                "/spec/ports/0", "{\"port\":80,\"protocol\":\"TCP\",\"targetPort\":80}",
                "/spec/ports/1/targetPort", "\"https\"",
                "/spec/internalTrafficPolicy", "\"Cluster\"",
                "/spec/ipFamilyPolicy", "\"SingleStack\"")),
        Arguments.of("loadbalancer service", "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: n}\nspec:\n"
            + "  type: LoadBalancer\n  sessionAffinity: ClientIP\n  ports: [{port: 80}]\n", Map.of(
                "/spec/externalTrafficPolicy", "\"Cluster\"",
                "/spec/allocateLoadBalancerNodePorts", "true",
                "/spec/sessionAffinityConfig", "{\"clientIP\":{\"timeoutSeconds\":10800}}")),
        Arguments.of("externalname service", "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: n}\nspec:\n"
            + "  type: ExternalName\n  externalName: db.example.com\n", Map.of(
                "/spec/ipFamilyPolicy", "null",
                "/spec/internalTrafficPolicy", "null")),
        Arguments.of("secret", "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\n", Map.of(
            "/type", "\"Opaque\"")),
        Arguments.of("namespace", "apiVersion: v1\nkind: Namespace\nmetadata: {name: prod, labels: {team: a}}\n", Map.of(
            "/metadata/labels", "{\"kubernetes.io/metadata.name\":\"prod\",\"team\":\"a\"}")),
        Arguments.of("rolebinding", "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
            + "metadata: {name: b, namespace: n}\nroleRef: {kind: Role, name: r}\n"
            + "subjects: [{kind: User, name: u}, {kind: ServiceAccount, name: sa, namespace: n}]\n", Map.of(
                "/roleRef/apiGroup", "\"rbac.authorization.k8s.io\"",
                "/subjects/0/apiGroup", "\"rbac.authorization.k8s.io\"",
                "/subjects/1/apiGroup", "null")),
        Arguments.of("networkpolicy", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\n"
            + "spec:\n  podSelector: {}\n  egress: [{ports: [{port: 53}]}]\n", Map.of(
                "/spec/policyTypes", "[\"Ingress\",\"Egress\"]",
                "/spec/egress/0/ports/0/protocol", "\"TCP\"")),
        Arguments.of("limitrange", "apiVersion: v1\nkind: LimitRange\nmetadata: {name: l, namespace: n}\nspec:\n"
            + "  limits: [{type: Container, max: {cpu: \"2\"}, min: {memory: 64Mi}}]\n", Map.of(
                "/spec/limits/0/default", "{\"cpu\":\"2\"}",
                "/spec/limits/0/defaultRequest", "{\"cpu\":\"2\",\"memory\":\"64Mi\"}")),
        Arguments.of("persistentvolumeclaim", "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c, namespace: n}\n"
            + "spec: {accessModes: [ReadWriteOnce]}\n", Map.of("/spec/volumeMode", "\"Filesystem\"")),
        Arguments.of("priorityclass", "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\n"
            + "value: 1000\n", Map.of("/preemptionPolicy", "\"PreemptLowerPriority\"")),
        Arguments.of("configmap has no defaults", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: n}\n"
            + "data: {a: b}\n", Map.of("/data", "{\"a\":\"b\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fillsKubernetesDefaults(String name, String yaml, Map<String, String> expected) throws Exception {
    HasMetadata obj = Defaulting.admit(Defaulting.read(yaml), AdmissionOperation.CREATE);
    JsonNode json = Defaulting.json(obj);
    for (Map.Entry<String, String> e : expected.entrySet()) {
      JsonNode actual = json.at(e.getKey());
      // compare as text: a Long field and an int literal are different node types but the same JSON
      String text = actual.isMissingNode() ? "null" : actual.toString();
      assertThat(KubeJson.mapper().readTree(text)).as(e.getKey()).isEqualTo(KubeJson.mapper().readTree(e.getValue()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isIdempotentAndUpdatesGetTheSameDefaults(String name, String yaml, Map<String, String> expected) {
    JsonNode once = Defaulting.json(Defaulting.admit(Defaulting.read(yaml), AdmissionOperation.CREATE));
    HasMetadata twice = Defaulting.admit(Defaulting.admit(Defaulting.read(yaml), AdmissionOperation.CREATE),
        AdmissionOperation.CREATE);
    assertThat(Defaulting.json(twice)).isEqualTo(once);
    assertThat(Defaulting.json(Defaulting.admit(Defaulting.read(yaml), AdmissionOperation.UPDATE))).isEqualTo(once);
  }
}
