package io.capstan.plugins.admission.defaultvalues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.api.BuiltInKinds;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Test helpers: read a manifest as its fabric8 class, run the plugin on it, look at the JSON. */
final class Defaulting {

  static final ObjectMapper YAML = KubeJson.configure(new YAMLMapper());

  private Defaulting() {}

  static ResourceKind kindOf(JsonNode tree) {
    String apiVersion = tree.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String kind = tree.path("kind").asText();
    return BuiltInKinds.all().stream().filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no built-in kind " + apiVersion + " " + kind));
  }

  static HasMetadata read(String yaml) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      return YAML.treeToValue(tree, kindOf(tree).javaType());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs DefaultValues on {@code obj} as the API server would, for {@code operation}. */
  static HasMetadata admit(HasMetadata obj, AdmissionOperation operation) {
    ResourceKind kind = kindOf(json(obj));
    Optional<HasMetadata> old = operation == AdmissionOperation.UPDATE ? Optional.of(obj) : Optional.empty();
    String namespace = obj.getMetadata().getNamespace() == null ? "" : obj.getMetadata().getNamespace();
    new DefaultValues().admit(new AdmissionRequest(operation, kind.group(), kind.version(), kind.kind(), kind.plural(), "",
        namespace, obj.getMetadata().getName(), Optional.of(obj), old, UserInfo.of("tester"), false));
    return obj;
  }

  static JsonNode json(Object obj) {
    return KubeJson.mapper().valueToTree(obj);
  }
}
