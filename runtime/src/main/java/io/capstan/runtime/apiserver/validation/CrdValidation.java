package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition, as the apiextensions server validates it: the
 * name is {@code <plural>.<group>}, the names are DNS labels, exactly one version is the storage
 * version, every version has a structural schema whose root is an object.
 */
final class CrdValidation {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  private CrdValidation() {}

  static void create(CustomResourceDefinition crd, FieldErrors errs) {
    CustomResourceDefinitionSpec spec = crd.getSpec();
    FieldPath specPath = FieldPath.of("spec");
    if (spec == null) {
      errs.required(specPath, "");
      return;
    }
    String group = spec.getGroup() == null ? "" : spec.getGroup();
    if (group.isEmpty()) {
      errs.required(specPath.child("group"), "");
    } else if (!group.contains(".")) {
      errs.invalid(specPath.child("group"), group, "should be a domain with at least one dot");
    }
    CustomResourceDefinitionNames names = spec.getNames();
    if (names == null) {
      errs.required(specPath.child("names"), "");
    } else {
      names(names, specPath.child("names"), errs);
      String expected = names.getPlural() + "." + group;
      if (!expected.equals(crd.getMetadata().getName())) {
        errs.invalid(FieldPath.of("metadata", "name"), crd.getMetadata().getName(), "must be spec.names.plural+\".\"+spec.group");
      }
    }
    String scope = spec.getScope();
    if (scope == null || scope.isEmpty()) {
      errs.required(specPath.child("scope"), "");
    } else if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
      errs.notSupported(specPath.child("scope"), scope, List.of("Cluster", "Namespaced"));
    }
    versions(spec.getVersions(), specPath.child("versions"), errs);
  }

  private static void names(CustomResourceDefinitionNames names, FieldPath path, FieldErrors errs) {
    label(names.getPlural(), path.child("plural"), true, errs);
    label(names.getSingular(), path.child("singular"), false, errs);
    if (names.getKind() == null || names.getKind().isEmpty()) {
      errs.required(path.child("kind"), "");
    } else if (!KIND.matcher(names.getKind()).matches()) {
      errs.invalid(path.child("kind"), names.getKind(), "may have mixed case, but should otherwise match: [a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }
    List<String> shortNames = names.getShortNames() == null ? List.of() : names.getShortNames();
    for (int i = 0; i < shortNames.size(); i++) {
      label(shortNames.get(i), path.child("shortNames").index(i), true, errs);
    }
  }

  private static void label(String value, FieldPath path, boolean required, FieldErrors errs) {
    if (value == null || value.isEmpty()) {
      if (required) {
        errs.required(path, "");
      }
    } else if (!DNS_LABEL.matcher(value).matches()) {
      errs.invalid(path, value, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
          + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
          + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }
  }

  private static void versions(List<CustomResourceDefinitionVersion> versions, FieldPath path, FieldErrors errs) {
    if (versions == null || versions.isEmpty()) {
      errs.invalid(path, versions == null ? List.of() : versions, "must have exactly one version marked as storage version");
      return;
    }
    int storage = 0;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < versions.size(); i++) {
      CustomResourceDefinitionVersion v = versions.get(i);
      FieldPath at = path.index(i);
      label(v.getName(), at.child("name"), true, errs);
      if (v.getName() != null && !seen.add(v.getName())) {
        errs.duplicate(at.child("name"), v.getName());
      }
      storage += Boolean.TRUE.equals(v.getStorage()) ? 1 : 0;
      if (v.getSchema() == null || v.getSchema().getOpenAPIV3Schema() == null) {
        errs.required(at.child("schema", "openAPIV3Schema"), "schemas are required");
      } else if (v.getSchema().getOpenAPIV3Schema().getType() != null
          && !"object".equals(v.getSchema().getOpenAPIV3Schema().getType())) {
        errs.invalid(at.child("schema", "openAPIV3Schema", "type"), v.getSchema().getOpenAPIV3Schema().getType(),
            "must be object at the root");
      }
    }
    if (storage != 1) {
      errs.invalid(path, versions.stream().map(CustomResourceDefinitionVersion::getName).toList(),
          "must have exactly one version marked as storage version");
    }
  }
}
