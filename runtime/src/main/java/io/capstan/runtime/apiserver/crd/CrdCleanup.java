package io.capstan.runtime.apiserver.crd;

import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ListQuery;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.resource.ServedKinds;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The work of Kubernetes' CRD finalizer controller: delete every object of a CRD being deleted,
 * and once none is left stop serving the kind and drop the cleanup finalizer, which lets the
 * CRD itself go.
 */
final class CrdCleanup {

  private final ResourceApi api;
  private final ServedKinds served;
  private final UserInfo user;

  CrdCleanup(ResourceApi api, ServedKinds served, UserInfo user) {
    this.api = api;
    this.served = served;
    this.user = user;
  }

  /** @return true when the CRD is finished with; false when objects remain (those with finalizers). */
  boolean deleteObjectsAndFinalize(CustomResourceDefinition crd) {
    String name = crd.getMetadata().getName();
    List<ResourceKind> kinds = served.servedBy(name).isEmpty() ? CrdKinds.of(crd) : served.servedBy(name);
    if (!kinds.isEmpty()) {
      ResourceKind kind = kinds.get(0); // every version is stored under the same keys
      List<HasMetadata> remaining = api.reads().list(ApiRequest.of(kind, "", "", user), ListQuery.ALL).items();
      for (HasMetadata object : remaining) {
        if (object.getMetadata().getDeletionTimestamp() == null) {
          try {
            api.deleter().delete(ApiRequest.of(kind, namespaceOf(object), object.getMetadata().getName(), user),
                DeleteOptions.DEFAULTS);
          } catch (NotFoundException alreadyGone) {
            // deleted meanwhile
          }
        }
      }
      if (!remaining.isEmpty()) {
        return false;
      }
    }
    served.remove(name);
    ResourceKind crdKind = api.kinds().byResource("apiextensions.k8s.io", "customresourcedefinitions").orElseThrow();
    try {
      api.writes().modify(ApiRequest.of(crdKind, "", name, user), false, current -> {
        List<String> next = new ArrayList<>(current.getMetadata().getFinalizers() == null ? List.of()
            : current.getMetadata().getFinalizers());
        next.remove(CrdEstablishment.CLEANUP_FINALIZER);
        current.getMetadata().setFinalizers(next);
        return current;
      });
    } catch (NotFoundException alreadyGone) {
      // removed by someone else
    }
    return true;
  }

  private static String namespaceOf(HasMetadata object) {
    return object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace();
  }
}
