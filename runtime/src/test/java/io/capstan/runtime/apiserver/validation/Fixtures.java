package io.capstan.runtime.apiserver.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.capstan.spi.api.BuiltInKinds;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** Test objects from YAML, the kinds they belong to, and short ways to read error lists. */
final class Fixtures {

  static final ObjectMapper YAML = KubeJson.configure(new YAMLMapper());

  private Fixtures() {}

  /** The built-in kind {@code group/Kind} ({@code "apps/Deployment"}, {@code "/Pod"} or {@code "Pod"}). */
  static ResourceKind kind(String groupKind) {
    String group = groupKind.contains("/") ? groupKind.substring(0, groupKind.indexOf('/')) : "";
    String kind = groupKind.substring(groupKind.indexOf('/') + 1);
    return BuiltInKinds.all().stream().filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no built-in kind " + groupKind));
  }

  /** Reads YAML into the kind's fabric8 class. */
  static <T extends HasMetadata> T read(String yaml, Class<T> type) {
    try {
      return YAML.readValue(yaml, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads YAML as an object of the built-in kind named by its apiVersion and kind. */
  static HasMetadata read(String yaml) {
    try {
      var tree = YAML.readTree(yaml);
      String apiVersion = tree.path("apiVersion").asText();
      String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
      return YAML.treeToValue(tree, kind(group + "/" + tree.path("kind").asText()).javaType());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kind of an object read by {@link #read(String)}. */
  static ResourceKind kindOf(HasMetadata obj) {
    String apiVersion = obj.getApiVersion();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return kind(group + "/" + obj.getKind());
  }

  static List<FieldError> create(String yaml) {
    HasMetadata obj = read(yaml);
    return Validators.validateCreate(kindOf(obj), obj);
  }

  static List<FieldError> update(String newYaml, String oldYaml) {
    HasMetadata obj = read(newYaml);
    return Validators.validateUpdate(kindOf(obj), obj, read(oldYaml));
  }

  /** The messages of {@code errors}, one per line, for readable assertions. */
  static List<String> messages(List<FieldError> errors) {
    return errors.stream().map(FieldError::message).collect(Collectors.toList());
  }
}
