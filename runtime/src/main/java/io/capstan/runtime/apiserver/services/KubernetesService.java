package io.capstan.runtime.apiserver.services;

import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.NotFoundException;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.net.InetSocketAddress;

/**
 * The {@code default/kubernetes} Service and its Endpoints, as kube-apiserver keeps them: the first
 * address of the service range, port 443 ({@code https}) forwarding to the API server's own
 * address, so in-cluster clients find the API server.
 */
final class KubernetesService {

  private KubernetesService() {}

  static void ensure(ResourceApi api, ServiceCidr cidr, InetSocketAddress apiServer) {
    ResourceKind services = api.kinds().byResource("", "services").orElseThrow();
    ResourceKind endpoints = api.kinds().byResource("", "endpoints").orElseThrow();
    ApiRequest service = ApiRequest.of(services, "default", "kubernetes", ServiceAllocations.SYSTEM);
    if (!exists(api, service)) {
      createService(api, service, cidr, apiServer);
    }
    ensureEndpoints(api, endpoints, apiServer);
  }

  private static boolean exists(ResourceApi api, ApiRequest request) {
    try {
      api.reads().get(request, "");
      return true;
    } catch (NotFoundException absent) {
      return false;
    }
  }

  private static void createService(ResourceApi api, ApiRequest service, ServiceCidr cidr, InetSocketAddress apiServer) {
    try {
      api.writes().create(service, new ServiceBuilder()
          .withNewMetadata().withName("kubernetes").addToLabels("component", "apiserver")
          .addToLabels("provider", "kubernetes").endMetadata()
          .withNewSpec().withType("ClusterIP").withClusterIP(cidr.address(0)).withSessionAffinity("None")
          .addNewPort().withName("https").withProtocol("TCP").withPort(443)
          .withTargetPort(new IntOrString(apiServer.getPort())).endPort().endSpec().build());
    } catch (AlreadyExistsException existing) {
      // created meanwhile by another API server on the same store
    }
  }

  private static void ensureEndpoints(ResourceApi api, ResourceKind endpoints, InetSocketAddress apiServer) {
    Endpoints wanted = new EndpointsBuilder().withNewMetadata().withName("kubernetes").withNamespace("default")
        .addToLabels("endpointslice.kubernetes.io/skip-mirror", "true").endMetadata()
        .addNewSubset().addNewAddress().withIp(hostOf(apiServer)).endAddress()
        .addNewPort().withName("https").withProtocol("TCP").withPort(apiServer.getPort()).endPort().endSubset().build();
    ApiRequest request = ApiRequest.of(endpoints, "default", "kubernetes", ServiceAllocations.SYSTEM);
    try {
      api.writes().modify(request, false, current -> {
        ((Endpoints) current).setSubsets(wanted.getSubsets());
        return current;
      });
    } catch (NotFoundException absent) {
      api.writes().create(request, wanted);
    }
  }

  private static String hostOf(InetSocketAddress address) {
    String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }
}
