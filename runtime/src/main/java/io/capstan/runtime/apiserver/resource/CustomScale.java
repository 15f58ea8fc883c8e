package io.capstan.runtime.apiserver.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.resource.ServedKinds.ScalePaths;
import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;

/**
 * The scale subresource of a custom kind, read and written at the JSON paths its CRD declares
 * ({@code specReplicasPath: .spec.replicas}, ...), as the apiextensions server does.
 */
final class CustomScale {

  private CustomScale() {}

  static Scale toScale(HasMetadata object, ScalePaths paths) {
    JsonNode tree = KubeJson.mapper().valueToTree(object);
    int spec = tree.at(pointer(paths.specReplicasPath())).asInt(0);
    int status = tree.at(pointer(paths.statusReplicasPath())).asInt(0);
    String selector = paths.labelSelectorPath().map(p -> tree.at(pointer(p)).asText("")).orElse("");
    return new ScaleBuilder()
        .withNewMetadata().withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
        .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion())
        .withCreationTimestamp(object.getMetadata().getCreationTimestamp()).endMetadata()
        .withNewSpec().withReplicas(spec).endSpec()
        .withNewStatus().withReplicas(status).withSelector(selector).endStatus()
        .build();
  }

  /** A copy of the object's tree with the desired replica count set at the spec path. */
  static ObjectNode withReplicas(HasMetadata object, ScalePaths paths, int replicas) {
    ObjectNode tree = KubeJson.mapper().valueToTree(object);
    String[] parts = paths.specReplicasPath().substring(1).split("\\.");
    ObjectNode parent = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.with(parts[i]);
    }
    parent.put(parts[parts.length - 1], replicas);
    return tree;
  }

  /** {@code .spec.replicas} as a JSON pointer {@code /spec/replicas}. */
  private static String pointer(String path) {
    return path.replace('.', '/');
  }
}
