package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Networking, RBAC, scheduling, policy, autoscaling and storage rows, following Kubernetes' printers. */
class ClusterPrintersTest {

  private static final Instant NOW = PodPrinterTest.NOW;

  @Test
  void ingressesClassesPoliciesAndSlices() {
    IngressBuilder ing = new IngressBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
        .withIngressClassName("nginx").addNewRule().withHost("a.example.com").endRule().addNewRule().endRule()
        .addNewRule().withHost("b.example.com").endRule().addNewTl().withHosts("a.example.com").endTl().endSpec()
        .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("10.0.0.2").endIngress().addNewIngress()
        .withIp("10.0.0.1").endIngress().endLoadBalancer().endStatus();
    assertThat(NetworkingPrinters.ingress().cells(ing.build(), NOW)).containsExactly("web", "nginx",
        "a.example.com,b.example.com", "10.0.0.1,10.0.0.2", "80, 443", "<unknown>");
    assertThat(NetworkingPrinters.ingress().cells(new IngressBuilder().withNewMetadata().withName("x").endMetadata()
        .build(), NOW)).containsExactly("x", "<none>", "*", "", "80", "<unknown>");
    IngressBuilder many = new IngressBuilder().withNewMetadata().withName("m").endMetadata().withNewSpec()
        .addNewRule().withHost("h1").endRule().addNewRule().withHost("h2").endRule().addNewRule().withHost("h3")
        .endRule().addNewRule().withHost("h4").endRule().addNewRule().withHost("h5").endRule().endSpec();
    assertThat(NetworkingPrinters.ingress().cells(many.build(), NOW).get(2)).isEqualTo("h1,h2,h3 + 2 more...");
    assertThat(NetworkingPrinters.ingressClass().cells(new IngressClassBuilder().withNewMetadata().withName("nginx")
        .endMetadata().withNewSpec().withController("k8s.io/ingress-nginx").withNewParameters()
        .withApiGroup("k8s.example.com").withKind("IngressParameters").withName("external-lb").endParameters()
        .endSpec().build(), NOW)).containsExactly("nginx", "k8s.io/ingress-nginx",
            "IngressParameters.k8s.example.com/external-lb", "<unknown>");
    assertThat(NetworkingPrinters.networkPolicy().cells(new NetworkPolicyBuilder().withNewMetadata().withName("deny")
        .endMetadata().withNewSpec().withNewPodSelector().endPodSelector().endSpec().build(), NOW))
        .containsExactly("deny", "<none>", "<unknown>");
    EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata().withName("web-abc").endMetadata()
        .withAddressType("IPv4").addNewPort().withPort(80).endPort().addNewPort().withName("metrics").endPort()
        .addNewEndpoint().withAddresses("10.1.0.1", "10.1.0.2").endEndpoint().addNewEndpoint()
        .withAddresses("10.1.0.3", "10.1.0.4").endEndpoint();
    assertThat(NetworkingPrinters.endpointSlice().cells(slice.build(), NOW)).containsExactly("web-abc", "IPv4",
        "80,metrics", "10.1.0.1,10.1.0.2,10.1.0.3 + 1 more...", "<unknown>");
  }

  @Test
  void leasesBindingsPriorityClassesAndBudgets() {
    assertThat(PolicyPrinters.lease().cells(new LeaseBuilder().withNewMetadata().withName("kube-scheduler")
        .endMetadata().withNewSpec().withHolderIdentity("capstan_1").endSpec().build(), NOW))
        .containsExactly("kube-scheduler", "capstan_1", "<unknown>");
    RoleBindingBuilder rb = new RoleBindingBuilder().withNewMetadata().withName("read").endMetadata()
        .withNewRoleRef().withKind("ClusterRole").withName("view").withApiGroup("rbac.authorization.k8s.io")
        .endRoleRef().addNewSubject().withKind("User").withName("alice").endSubject().addNewSubject()
        .withKind("ServiceAccount").withNamespace("ci").withName("bot").endSubject().addNewSubject()
        .withKind("User").withName("bob").endSubject().addNewSubject().withKind("Group").withName("devs")
        .endSubject();
    assertThat(PolicyPrinters.roleBinding().cells(rb.build(), NOW)).containsExactly("read", "ClusterRole/view",
        "<unknown>", "alice, bob", "devs", "ci/bot");
    assertThat(PolicyPrinters.clusterRoleBinding().cells(new ClusterRoleBindingBuilder().withNewMetadata()
        .withName("admin").endMetadata().withNewRoleRef().withKind("ClusterRole").withName("cluster-admin")
        .endRoleRef().build(), NOW)).containsExactly("admin", "ClusterRole/cluster-admin", "<unknown>", "", "", "");
    assertThat(PolicyPrinters.priorityClass().cells(new PriorityClassBuilder().withNewMetadata().withName("high")
        .endMetadata().withValue(1000000).withGlobalDefault(false).withPreemptionPolicy("Never").build(), NOW))
        .containsExactly("high", 1000000L, false, "<unknown>", "Never");
    assertThat(PolicyPrinters.podDisruptionBudget().cells(new PodDisruptionBudgetBuilder().withNewMetadata()
        .withName("web").endMetadata().withNewSpec().withMinAvailable(new IntOrString("50%")).endSpec()
        .withNewStatus().withDisruptionsAllowed(1).endStatus().build(), NOW))
        .containsExactly("web", "50%", "N/A", 1L, "<unknown>");
  }

  @Test
  void horizontalPodAutoscalersFormatTheirMetrics() {
    HorizontalPodAutoscalerBuilder hpa = new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web")
        .endMetadata().withNewSpec().withNewScaleTargetRef().withKind("Deployment").withName("web")
        .endScaleTargetRef().withMinReplicas(2).withMaxReplicas(10)
        .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
        .withType("Utilization").withAverageUtilization(80).endTarget().endResource().endMetric()
        .addNewMetric().withType("Resource").withNewResource().withName("memory").withNewTarget()
        .withType("AverageValue").withAverageValue(new Quantity("512Mi")).endTarget().endResource().endMetric()
        .addNewMetric().withType("Pods").withNewPods().withNewMetric().withName("qps").endMetric().withNewTarget()
        .withType("AverageValue").withAverageValue(new Quantity("100")).endTarget().endPods().endMetric().endSpec()
        .withNewStatus().withCurrentReplicas(3).addNewCurrentMetric().withType("Resource").withNewResource()
        .withName("cpu").withNewCurrent().withAverageUtilization(40).endCurrent().endResource().endCurrentMetric()
        .endStatus();
    assertThat(HpaPrinter.printer().cells(hpa.build(), NOW)).containsExactly("web", "Deployment/web",
        "cpu: 40%/80%, memory: <unknown>/512Mi + 1 more...", "2", 10L, 3L, "<unknown>");
    assertThat(HpaPrinter.printer().cells(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("e")
        .endMetadata().withNewSpec().withMaxReplicas(3).endSpec().build(), NOW).subList(2, 4))
        .containsExactly("<none>", "<unset>");
  }

  @Test
  void claimsAndVolumes() {
    PersistentVolumeClaimBuilder pvc = new PersistentVolumeClaimBuilder().withNewMetadata().withName("data")
        .endMetadata().withNewSpec().withStorageClassName("standard").withVolumeName("pv-1")
        .withVolumeMode("Filesystem")
        .endSpec().withNewStatus().withPhase("Bound").withAccessModes("ReadWriteMany", "ReadWriteOnce")
        .addToCapacity("storage", new Quantity("10Gi")).endStatus();
    assertThat(StoragePrinters.persistentVolumeClaim().cells(pvc.build(), NOW)).containsExactly("data", "Bound",
        "pv-1", "10Gi", "RWO,RWX", "standard", "<unset>", "<unknown>", "Filesystem");
    assertThat(StoragePrinters.persistentVolumeClaim().cells(new PersistentVolumeClaimBuilder().withNewMetadata()
        .withName("p").addToAnnotations("volume.beta.kubernetes.io/storage-class", "legacy").endMetadata()
        .withNewStatus().withPhase("Pending").endStatus().build(), NOW)).containsExactly("p", "Pending", "", "", "",
            "legacy", "<unset>", "<unknown>", "<unset>");
    PersistentVolumeBuilder pv = new PersistentVolumeBuilder().withNewMetadata().withName("pv-1").endMetadata()
        .withNewSpec().addToCapacity("storage", new Quantity("10Gi")).withAccessModes("ReadWriteOnce")
        .withPersistentVolumeReclaimPolicy("Retain").withNewClaimRef().withNamespace("default").withName("data")
        .endClaimRef().withStorageClassName("standard").endSpec().withNewStatus().withPhase("Bound").endStatus();
    assertThat(StoragePrinters.persistentVolume().cells(pv.build(), NOW)).containsExactly("pv-1", "10Gi", "RWO",
        "Retain", "Bound", "default/data", "standard", "<unset>", "", "<unknown>", "<unset>");
  }
}
