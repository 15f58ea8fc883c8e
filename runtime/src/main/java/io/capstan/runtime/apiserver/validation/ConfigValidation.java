package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * ConfigMaps and Secrets: Kubernetes' {@code ValidateConfigMap}, {@code ValidateSecret} and their
 * update rules (pkg/apis/core/validation/config_maps.go and secrets.go, 1.32): keys are config keys,
 * the data holds at most 1 MiB, type-specific keys exist, and an {@code immutable} object keeps its
 * data. A Secret's {@code stringData} counts as data, since Kubernetes merges it before validating.
 * Stateless.
 */
final class ConfigValidation {

  /** {@code core.MaxSecretSize}, shared by ConfigMaps. */
  static final int MAX_SIZE = 1024 * 1024;
  private static final String IMMUTABLE_SET = "field is immutable when `immutable` is set";
  private static final FieldPath DATA = FieldPath.root("data");

  private ConfigValidation() {}

  static void configMap(ConfigMap cm, FieldErrors errs) {
    long total = 0;
    Map<String, String> data = sorted(cm.getData());
    Map<String, String> binary = sorted(cm.getBinaryData());
    for (Map.Entry<String, String> e : data.entrySet()) {
      errs.invalidEach(DATA.key(e.getKey()), e.getKey(), NameRules.configMapKey(e.getKey()));
      if (binary.containsKey(e.getKey())) {
        errs.invalid(DATA.key(e.getKey()), e.getKey(), "duplicate of key present in binaryData");
      }
      total += e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    FieldPath binaryPath = FieldPath.root("binaryData");
    for (Map.Entry<String, String> e : binary.entrySet()) {
      errs.invalidEach(binaryPath.key(e.getKey()), e.getKey(), NameRules.configMapKey(e.getKey()));
      total += decodedLength(e.getValue(), binaryPath.key(e.getKey()), errs);
    }
    if (total > MAX_SIZE) {
      // Kubernetes reports the size against the whole object: an empty field path
      errs.tooLong(FieldPath.root(""), MAX_SIZE);
    }
  }

  static void configMapUpdate(ConfigMap cm, ConfigMap old, FieldErrors errs) {
    if (Boolean.TRUE.equals(old.getImmutable())) {
      if (!Boolean.TRUE.equals(cm.getImmutable())) {
        errs.forbidden(FieldPath.root("immutable"), IMMUTABLE_SET);
      }
      if (!Semantic.equal(cm.getData(), old.getData())) {
        errs.forbidden(DATA, IMMUTABLE_SET);
      }
      if (!Semantic.equal(cm.getBinaryData(), old.getBinaryData())) {
        errs.forbidden(FieldPath.root("binaryData"), IMMUTABLE_SET);
      }
    }
  }

  static void secret(Secret secret, FieldErrors errs) {
    long total = 0;
    Map<String, String> data = sorted(secret.getData());
    Map<String, String> strings = sorted(secret.getStringData());
    Map<String, Boolean> keys = new TreeMap<>();
    data.keySet().forEach(k -> keys.put(k, true));
    strings.keySet().forEach(k -> keys.put(k, true));
    for (String key : keys.keySet()) {
      errs.invalidEach(DATA.key(key), key, NameRules.configMapKey(key));
      total += strings.containsKey(key) ? strings.get(key).getBytes(StandardCharsets.UTF_8).length
          : decodedLength(data.get(key), DATA.key(key), errs);
    }
    if (total > MAX_SIZE) {
      errs.tooLong(DATA, MAX_SIZE);
    }
    String type = MetaValidation.text(secret.getType());
    switch (type) {
      case "kubernetes.io/service-account-token" -> {
        Map<String, String> annotations = secret.getMetadata() == null ? null : secret.getMetadata().getAnnotations();
        if (annotations == null || MetaValidation.text(annotations.get("kubernetes.io/service-account.name")).isEmpty()) {
          errs.required(FieldPath.of("metadata", "annotations").key("kubernetes.io/service-account.name"), "");
        }
      }
      case "kubernetes.io/dockercfg" -> requireKey(keys, ".dockercfg", errs);
      case "kubernetes.io/dockerconfigjson" -> requireKey(keys, ".dockerconfigjson", errs);
      case "kubernetes.io/basic-auth" -> {
        if (!keys.containsKey("username") && !keys.containsKey("password")) {
          // Kubernetes builds this path with a literal "data[%s]" segment; reproduced as printed
          errs.required(FieldPath.root("data[%s]").key("username"), "");
          errs.required(FieldPath.root("data[%s]").key("password"), "");
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (!keys.containsKey("ssh-privatekey")) {
          errs.required(FieldPath.root("data[%s]").key("ssh-privatekey"), "");
        }
      }
      case "kubernetes.io/tls" -> {
        requireKey(keys, "tls.crt", errs);
        requireKey(keys, "tls.key", errs);
      }
      default -> { }
    }
  }

  static void secretUpdate(Secret secret, Secret old, FieldErrors errs) {
    String type = MetaValidation.text(secret.getType());
    // an update without a type keeps the stored one, as Kubernetes' ValidateSecretUpdate does
    if (!type.isEmpty()) {
      errs.immutable(FieldPath.root("type"), type, MetaValidation.text(old.getType()));
    }
    if (Boolean.TRUE.equals(old.getImmutable())) {
      if (!Boolean.TRUE.equals(secret.getImmutable())) {
        errs.forbidden(FieldPath.root("immutable"), IMMUTABLE_SET);
      }
      if (!Semantic.equal(secret.getData(), old.getData())) {
        errs.forbidden(DATA, IMMUTABLE_SET);
      }
    }
  }

  private static void requireKey(Map<String, Boolean> keys, String key, FieldErrors errs) {
    if (!keys.containsKey(key)) {
      errs.required(DATA.key(key), "");
    }
  }

  private static long decodedLength(String base64, FieldPath path, FieldErrors errs) {
    try {
      return Base64.getDecoder().decode(base64.strip()).length;
    } catch (IllegalArgumentException e) {
      // Kubernetes fails such a body while decoding it; Capstan reports it against the key
      errs.invalid(path, "<secret contents redacted>", "must be base64-encoded: " + e.getMessage());
      return 0;
    }
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    Map<String, String> out = new TreeMap<>();
    if (map != null) {
      map.forEach((k, v) -> out.put(MetaValidation.text(k), MetaValidation.text(v)));
    }
    return out;
  }
}
