package io.capstan.runtime.apiserver.protobuf;

import static io.capstan.runtime.apiserver.protobuf.WellKnownTypesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Networking;
import org.junit.jupiter.api.Test;

/**
 * The two Go rules the descriptors cannot tell, against messages built with the generated classes:
 * which zero values Go writes ({@link GoZeroFields}) and where embedded structs and renames put
 * properties ({@link GoJsonLayout}), both when decoding and, byte for byte, when encoding.
 */
class GoJsonShapeTest {

  @Test
  void zeroPointerFieldsStayAndZeroValueFieldsGoAsInGo() {
    V1.Pod pod = V1.Pod.newBuilder().setSpec(V1.PodSpec.newBuilder()
        .setAutomountServiceAccountToken(false).setEnableServiceLinks(false).setTerminationGracePeriodSeconds(0)
        .setHostNetwork(false).setRestartPolicy("").setDnsPolicy("")
        .setSecurityContext(V1.PodSecurityContext.newBuilder().setRunAsUser(0).setRunAsNonRoot(false))
        .addTolerations(V1.Toleration.newBuilder().setKey("k").setOperator("Exists").setTolerationSeconds(0))
        .addContainers(V1.Container.newBuilder().setName("c").setImage("i").setWorkingDir("").setStdin(false)
            .setImagePullPolicy("").setResources(V1.ResourceRequirements.getDefaultInstance())
            .addPorts(V1.ContainerPort.newBuilder().setContainerPort(0).setHostPort(0))))
        .build();

    JsonNode spec = decode("v1", "Pod", pod.toByteString()).get("spec");

    assertThat(spec.toString()).isEqualTo("{\"containers\":[{\"name\":\"c\",\"image\":\"i\","
        + "\"ports\":[{\"containerPort\":0}],\"resources\":{}}],\"terminationGracePeriodSeconds\":0,"
        + "\"automountServiceAccountToken\":false,\"securityContext\":{\"runAsUser\":0,\"runAsNonRoot\":false},"
        + "\"tolerations\":[{\"key\":\"k\",\"operator\":\"Exists\",\"tolerationSeconds\":0}],"
        + "\"enableServiceLinks\":false}");
  }

  @Test
  void serviceStatusCountersAndRequiredPortsAreWrittenEvenWhenZero() {
    V1.Service svc = V1.Service.newBuilder().setSpec(V1.ServiceSpec.newBuilder()
        .addPorts(V1.ServicePort.newBuilder().setPort(0).setNodePort(0)
            .setTargetPort(IntStr.IntOrString.newBuilder().setType(1).setStrVal("http")))).build();

    assertThat(decode("v1", "Service", svc.toByteString()).at("/spec/ports/0").toString())
        .isEqualTo("{\"port\":0,\"targetPort\":\"http\"}");
  }

  @Test
  void embeddedStructsJoinTheEnclosingObject() {
    V1.Pod pod = podWithEmbeddedStructs();

    JsonNode spec = decode("v1", "Pod", pod.toByteString()).get("spec");

    assertThat(spec.at("/volumes/0").toString())
        .isEqualTo("{\"name\":\"cfg\",\"configMap\":{\"name\":\"app-config\",\"defaultMode\":420}}");
    assertThat(spec.at("/containers/0/readinessProbe").toString())
        .isEqualTo("{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\"},\"periodSeconds\":10}");
    assertThat(spec.at("/containers/0/env/0/valueFrom/configMapKeyRef").toString())
        .isEqualTo("{\"name\":\"app-config\",\"key\":\"mode\",\"optional\":false}");
  }

  @Test
  void embeddedStructsAreEncodedIntoTheirNestedMessageByteForByte() throws Exception {
    JsonNode json = decode("v1", "Pod", podWithEmbeddedStructs().toByteString());

    assertThat(Envelope.parse(KubeProtobuf.encode(json)).raw()).isEqualTo(podWithEmbeddedStructs().toByteString());
  }

  @Test
  void theRenamedApiGroupFieldIsApiGroupInJson() throws Exception {
    V1Networking.IngressClass expected = V1Networking.IngressClass.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("external"))
        .setSpec(V1Networking.IngressClassSpec.newBuilder().setController("example.com/lb")
            .setParameters(V1Networking.IngressClassParametersReference.newBuilder()
                .setAPIGroup("k8s.example.com").setKind("IngressParameters").setName("lb"))).build();
    JsonNode json = json("{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"IngressClass\",\"metadata\":"
        + "{\"name\":\"external\"},\"spec\":{\"controller\":\"example.com/lb\",\"parameters\":"
        + "{\"apiGroup\":\"k8s.example.com\",\"kind\":\"IngressParameters\",\"name\":\"lb\"}}}");

    assertThat(Envelope.parse(KubeProtobuf.encode(json)).raw()).isEqualTo(expected.toByteString());
    assertThat(decode("networking.k8s.io/v1", "IngressClass", expected.toByteString()).at("/spec/parameters"))
        .isEqualTo(json.at("/spec/parameters"));
  }

  private static V1.Pod podWithEmbeddedStructs() {
    V1.LocalObjectReference appConfig = V1.LocalObjectReference.newBuilder().setName("app-config").build();
    return V1.Pod.newBuilder().setSpec(V1.PodSpec.newBuilder()
        .addVolumes(V1.Volume.newBuilder().setName("cfg").setVolumeSource(V1.VolumeSource.newBuilder()
            .setConfigMap(V1.ConfigMapVolumeSource.newBuilder().setLocalObjectReference(appConfig)
                .setDefaultMode(420))))
        .addContainers(V1.Container.newBuilder().setName("app")
            .addEnv(V1.EnvVar.newBuilder().setName("MODE").setValueFrom(V1.EnvVarSource.newBuilder()
                .setConfigMapKeyRef(V1.ConfigMapKeySelector.newBuilder().setLocalObjectReference(appConfig)
                    .setKey("mode").setOptional(false))))
            .setReadinessProbe(V1.Probe.newBuilder().setPeriodSeconds(10).setHandler(V1.ProbeHandler.newBuilder()
                .setHttpGet(V1.HTTPGetAction.newBuilder().setPath("/healthz")
                    .setPort(IntStr.IntOrString.newBuilder().setType(1).setStrVal("http")))))))
        .build();
  }

  private static JsonNode decode(String apiVersion, String kind, ByteString raw) {
    return KubeProtobuf.decode(new Envelope(apiVersion, kind, raw, "", "").toBytes()).json();
  }
}
