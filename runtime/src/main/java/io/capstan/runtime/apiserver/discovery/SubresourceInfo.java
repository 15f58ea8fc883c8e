package io.capstan.runtime.apiserver.discovery;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.ResourceKind;
import java.util.List;

/**
 * What discovery says about one subresource of a kind: the kind its requests and answers carry
 * and the verbs it supports, as Kubernetes 1.32 lists them (kubernetes/kubernetes
 * api/discovery/api__v1.json and apis__apps__v1.json): {@code status} answers the parent kind with
 * {@code get, patch, update}; {@code scale} answers {@code autoscaling/v1 Scale}; {@code log} answers
 * {@code Pod} with {@code get}; {@code binding} takes a core {@code Binding} and {@code eviction} a
 * {@code policy/v1 Eviction}, both {@code create} only; {@code finalize} is {@code update} only.
 * A subresource Kubernetes does not define is described like {@code status}. Immutable.
 *
 * @param name the subresource ({@code scale})
 * @param group the group of its kind ({@code autoscaling}; the parent's group for {@code status})
 * @param version the version of its kind
 * @param kind its kind ({@code Scale})
 * @param verbs its verbs, sorted
 */
public record SubresourceInfo(String name, String group, String version, String kind, List<String> verbs) {

  private static final List<String> READ_WRITE = List.of("get", "patch", "update");
  private static final List<String> CONNECT = List.of("create", "get");
  private static final List<String> PROXY = List.of("create", "delete", "get", "patch", "update");

  public SubresourceInfo {
    requireNonNull(name, "name");
    requireNonNull(group, "group");
    requireNonNull(version, "version");
    requireNonNull(kind, "kind");
    verbs = List.copyOf(verbs).stream().sorted().toList();
  }

  /** Describes {@code subresource} of {@code parent}. */
  public static SubresourceInfo of(ResourceKind parent, String subresource) {
    requireNonNull(parent, "parent");
    requireNonNull(subresource, "subresource");
    return switch (subresource) {
      case "scale" -> new SubresourceInfo(subresource, "autoscaling", "v1", "Scale", READ_WRITE);
      case "log" -> same(parent, subresource, List.of("get"));
      case "binding" -> new SubresourceInfo(subresource, "", "v1", "Binding", List.of("create"));
      case "eviction" -> new SubresourceInfo(subresource, "policy", "v1", "Eviction", List.of("create"));
      case "finalize" -> same(parent, subresource, List.of("update"));
      case "token" -> new SubresourceInfo(subresource, "authentication.k8s.io", "v1", "TokenRequest",
          List.of("create"));
      case "exec" -> new SubresourceInfo(subresource, "", "v1", "PodExecOptions", CONNECT);
      case "attach" -> new SubresourceInfo(subresource, "", "v1", "PodAttachOptions", CONNECT);
      case "portforward" -> new SubresourceInfo(subresource, "", "v1", "PodPortForwardOptions", CONNECT);
      case "proxy" -> new SubresourceInfo(subresource, "", "v1", parent.kind() + "ProxyOptions", PROXY);
      default -> same(parent, subresource, READ_WRITE);
    };
  }

  private static SubresourceInfo same(ResourceKind parent, String name, List<String> verbs) {
    return new SubresourceInfo(name, parent.group(), parent.version(), parent.kind(), verbs);
  }

  /** True when the subresource's kind lives in another group or version than {@code parent}. */
  public boolean crossesGroupVersion(ResourceKind parent) {
    return !group.equals(parent.group()) || !version.equals(parent.version());
  }
}
