package io.capstan.runtime.apiserver.crd;

import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ObjectStrategy;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.resource.ServedKinds;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Serves a live CRD and records the outcome in its status as Kubernetes does: conditions
 * {@code NamesAccepted} and {@code Established}, {@code acceptedNames} and {@code storedVersions};
 * adds the cleanup finalizer so that deleting the CRD deletes its objects first.
 */
final class CrdEstablishment {

  static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

  private final ResourceApi api;
  private final ServedKinds served;
  private final UserInfo user;

  CrdEstablishment(ResourceApi api, ServedKinds served, UserInfo user) {
    this.api = api;
    this.served = served;
    this.user = user;
  }

  void establish(CustomResourceDefinition crd) {
    String name = crd.getMetadata().getName();
    String conflict = serve(crd);
    ResourceKind crdKind = api.kinds().byResource("apiextensions.k8s.io", "customresourcedefinitions").orElseThrow();
    ApiRequest request = ApiRequest.of(crdKind, "", name, user);
    List<String> finalizers = crd.getMetadata().getFinalizers() == null ? List.of() : crd.getMetadata().getFinalizers();
    if (conflict == null && !finalizers.contains(CLEANUP_FINALIZER)) {
      api.writes().modify(request, false, current -> {
        List<String> next = new ArrayList<>(current.getMetadata().getFinalizers() == null ? List.of()
            : current.getMetadata().getFinalizers());
        if (!next.contains(CLEANUP_FINALIZER)) {
          next.add(CLEANUP_FINALIZER);
        }
        current.getMetadata().setFinalizers(next);
        return current;
      });
    }
    CustomResourceDefinitionStatus wanted = status(crd, conflict);
    if (!sameStatus(crd.getStatus(), wanted)) {
      api.writes().modify(request.withSubresource("status"), true, current -> {
        ((CustomResourceDefinition) current).setStatus(status((CustomResourceDefinition) current, conflict));
        return current;
      });
    }
  }

  /** Serves the CRD's kinds; the clash that prevents it, or null. */
  private String serve(CustomResourceDefinition crd) {
    try {
      served.put(crd.getMetadata().getName(), CrdKinds.of(crd), CrdKinds.scale(crd));
      return null;
    } catch (IllegalArgumentException clash) {
      return clash.getMessage();
    }
  }

  private CustomResourceDefinitionStatus status(CustomResourceDefinition crd, String conflict) {
    String now = ObjectStrategy.timestamp(api.strategy().now());
    CustomResourceDefinitionStatus previous = crd.getStatus();
    CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
    boolean accepted = conflict == null;
    status.setAcceptedNames(accepted ? crd.getSpec().getNames() : new CustomResourceDefinitionNames());
    status.setConditions(List.of(
        condition(previous, "NamesAccepted", accepted, accepted ? "NoConflicts" : "NameConflict",
            accepted ? "no conflicts found" : conflict, now),
        condition(previous, "Established", accepted, accepted ? "InitialNamesAccepted" : "NotAccepted",
            accepted ? "the initial names have been accepted" : "not all names are accepted", now)));
    List<String> stored = new ArrayList<>(previous == null || previous.getStoredVersions() == null ? List.of()
        : previous.getStoredVersions());
    crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage()))
        .map(CustomResourceDefinitionVersion::getName).filter(v -> !stored.contains(v)).forEach(stored::add);
    status.setStoredVersions(stored);
    return status;
  }

  /** Keeps the transition time of a condition whose status did not change. */
  private static CustomResourceDefinitionCondition condition(CustomResourceDefinitionStatus previous, String type,
      boolean ok, String reason, String message, String now) {
    String status = ok ? "True" : "False";
    String since = now;
    if (previous != null && previous.getConditions() != null) {
      for (CustomResourceDefinitionCondition c : previous.getConditions()) {
        if (type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
          since = c.getLastTransitionTime();
        }
      }
    }
    return new CustomResourceDefinitionCondition(since, message, null, reason, status, type);
  }

  private static boolean sameStatus(CustomResourceDefinitionStatus current, CustomResourceDefinitionStatus wanted) {
    if (current == null || current.getConditions() == null || current.getConditions().size() != wanted.getConditions().size()) {
      return false;
    }
    for (int i = 0; i < wanted.getConditions().size(); i++) {
      CustomResourceDefinitionCondition a = current.getConditions().get(i);
      CustomResourceDefinitionCondition b = wanted.getConditions().get(i);
      if (!Objects.equals(a.getType(), b.getType()) || !Objects.equals(a.getStatus(), b.getStatus())
          || !Objects.equals(a.getReason(), b.getReason())) {
        return false;
      }
    }
    return Objects.equals(current.getAcceptedNames(), wanted.getAcceptedNames())
        && Objects.equals(current.getStoredVersions(), wanted.getStoredVersions());
  }
}
