package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ObjectMeta rules shared by every kind: Kubernetes' {@code ValidateObjectMetaAccessor} and
 * {@code ValidateObjectMetaAccessorUpdate} (k8s.io/apimachinery/pkg/api/validation/objectmeta.go),
 * with core's extra finalizer rule ({@code validateKubeFinalizerName}) for built-in kinds. Maps are
 * walked in key order so that the error list is deterministic (Go's is not).
 */
final class MetaValidation {

  /** {@code TotalAnnotationSizeLimitB}: keys plus values, in bytes. */
  static final int TOTAL_ANNOTATION_SIZE = 256 * 1024;
  private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");
  private static final FieldPath META = FieldPath.root("metadata");

  private MetaValidation() {}

  /** The metadata of a new object. */
  static void create(ObjectMeta meta, boolean namespaced, NameRule names, boolean builtIn, FieldErrors errs) {
    ObjectMeta m = meta == null ? new ObjectMeta() : meta;
    String generateName = text(m.getGenerateName());
    if (!generateName.isEmpty()) {
      errs.invalidEach(META.child("generateName"), generateName, names.check(generateName, true));
    }
    String name = text(m.getName());
    if (name.isEmpty()) {
      errs.required(META.child("name"), "name or generateName is required");
    } else {
      errs.invalidEach(META.child("name"), name, names.check(name, false));
    }
    String namespace = text(m.getNamespace());
    if (namespaced) {
      if (namespace.isEmpty()) {
        errs.required(META.child("namespace"), "");
      } else {
        errs.invalidEach(META.child("namespace"), namespace, NameRules.dns1123Label(namespace));
      }
    } else if (!namespace.isEmpty()) {
      errs.forbidden(META.child("namespace"), "not allowed on this type");
    }
    errs.nonNegative(META.child("generation"), m.getGeneration());
    labels(m.getLabels(), META.child("labels"), errs);
    annotations(m.getAnnotations(), META.child("annotations"), errs);
    ownerReferences(m.getOwnerReferences(), META.child("ownerReferences"), errs);
    finalizers(m.getFinalizers(), builtIn, errs);
  }

  /**
   * The metadata of an update. Like Kubernetes' registry, an empty uid or creationTimestamp in the
   * new object means "keep the stored one" (its {@code BeforeUpdate} copies them before
   * validating); the resourceVersion precondition belongs to the store, not here.
   */
  static void update(ObjectMeta newMeta, ObjectMeta oldMeta, boolean builtIn, FieldErrors errs) {
    ObjectMeta n = newMeta == null ? new ObjectMeta() : newMeta;
    ObjectMeta o = oldMeta == null ? new ObjectMeta() : oldMeta;
    if (o.getDeletionTimestamp() != null) {
      Set<String> added = new java.util.TreeSet<>(n.getFinalizers() == null ? List.of() : n.getFinalizers());
      added.removeAll(o.getFinalizers() == null ? List.of() : o.getFinalizers());
      if (!added.isEmpty()) {
        errs.forbidden(META.child("finalizers"), "no new finalizers can be added if the object is being deleted, "
            + "found new finalizers " + goStringSlice(List.copyOf(added)));
      }
    }
    long newGeneration = n.getGeneration() == null ? 0 : n.getGeneration();
    long oldGeneration = o.getGeneration() == null ? 0 : o.getGeneration();
    if (newGeneration < oldGeneration) {
      errs.invalid(META.child("generation"), newGeneration, "must not be decremented");
    }
    errs.immutable(META.child("name"), text(n.getName()), text(o.getName()));
    errs.immutable(META.child("namespace"), text(n.getNamespace()), text(o.getNamespace()));
    if (!text(n.getUid()).isEmpty()) {
      errs.immutable(META.child("uid"), text(n.getUid()), text(o.getUid()));
    }
    if (!text(n.getCreationTimestamp()).isEmpty() && !text(o.getCreationTimestamp()).isEmpty()) {
      errs.immutable(META.child("creationTimestamp"), n.getCreationTimestamp(), o.getCreationTimestamp());
    }
    if (n.getDeletionTimestamp() != null || o.getDeletionTimestamp() != null) {
      errs.immutable(META.child("deletionTimestamp"), n.getDeletionTimestamp(), o.getDeletionTimestamp());
    }
    errs.immutable(META.child("deletionGracePeriodSeconds"), n.getDeletionGracePeriodSeconds(),
        o.getDeletionGracePeriodSeconds());
    labels(n.getLabels(), META.child("labels"), errs);
    annotations(n.getAnnotations(), META.child("annotations"), errs);
    ownerReferences(n.getOwnerReferences(), META.child("ownerReferences"), errs);
    finalizers(n.getFinalizers(), builtIn, errs);
  }

  /** {@code ValidateLabels}: every key a qualified name, every value a label value; errors on the map's path. */
  static void labels(Map<String, String> labels, FieldPath path, FieldErrors errs) {
    if (labels == null) {
      return;
    }
    new TreeMap<>(nullSafe(labels)).forEach((k, v) -> {
      errs.invalidEach(path, k, NameRules.qualifiedName(k));
      errs.invalidEach(path, v, NameRules.labelValue(v));
    });
  }

  /** {@code ValidateAnnotations}: keys are qualified names in any case; 256 KiB in all. */
  static void annotations(Map<String, String> annotations, FieldPath path, FieldErrors errs) {
    if (annotations == null) {
      return;
    }
    long size = 0;
    for (Map.Entry<String, String> e : new TreeMap<>(nullSafe(annotations)).entrySet()) {
      errs.invalidEach(path, e.getKey(), NameRules.qualifiedName(NameRules.lower(e.getKey())));
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > TOTAL_ANNOTATION_SIZE) {
      errs.tooLong(path, TOTAL_ANNOTATION_SIZE);
    }
  }

  /** {@code ValidateOwnerReferences}; note Kubernetes reports each reference's fields without an index. */
  static void ownerReferences(List<OwnerReference> refs, FieldPath path, FieldErrors errs) {
    if (refs == null) {
      return;
    }
    String firstController = "";
    for (OwnerReference ref : refs) {
      String apiVersion = text(ref.getApiVersion());
      String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
      String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
      if (version.isEmpty()) {
        errs.invalid(path.child("apiVersion"), apiVersion, "version must not be empty");
      }
      if (text(ref.getKind()).isEmpty()) {
        errs.invalid(path.child("kind"), text(ref.getKind()), "kind must not be empty");
      }
      if (text(ref.getName()).isEmpty()) {
        errs.invalid(path.child("name"), text(ref.getName()), "name must not be empty");
      }
      if (text(ref.getUid()).isEmpty()) {
        errs.invalid(path.child("uid"), text(ref.getUid()), "uid must not be empty");
      }
      if (group.isEmpty() && version.equals("v1") && "Event".equals(ref.getKind())) {
        errs.invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner");
      }
      if (Boolean.TRUE.equals(ref.getController())) {
        String current = text(ref.getKind()) + "/" + text(ref.getName());
        if (!firstController.isEmpty()) {
          errs.invalid(path, refs, "Only one reference can have Controller set to true. Found \"true\" in references for "
              + firstController + " and " + current);
        } else {
          firstController = current;
        }
      }
    }
  }

  /** {@code ValidateFinalizers}, plus core's rule that an unprefixed finalizer must be a standard one. */
  static void finalizers(List<String> finalizers, boolean builtIn, FieldErrors errs) {
    if (finalizers == null) {
      return;
    }
    FieldPath path = META.child("finalizers");
    Set<String> seen = new HashSet<>();
    for (String f : finalizers) {
      String value = text(f);
      errs.invalidEach(path, value, NameRules.qualifiedName(value));
      seen.add(value);
    }
    if (seen.contains("orphan") && seen.contains("foregroundDeletion")) {
      errs.invalid(path, finalizers, "finalizer orphan and foregroundDeletion cannot be both set");
    }
    if (builtIn) {
      for (int i = 0; i < finalizers.size(); i++) {
        String value = text(finalizers.get(i));
        if (!value.contains("/") && !STANDARD_FINALIZERS.contains(value)) {
          errs.invalid(path.index(i), value, "name is neither a standard finalizer name nor is it fully qualified");
        }
      }
    }
  }

  static String text(String value) {
    return value == null ? "" : value;
  }

  private static Map<String, String> nullSafe(Map<String, String> map) {
    Map<String, String> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(text(k), text(v)));
    return out;
  }

  /** Go's {@code %#v} of a {@code []string}: {@code []string{"a", "b"}}. */
  private static String goStringSlice(List<String> values) {
    StringBuilder s = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(GoFormat.quote(values.get(i)));
    }
    return s.append('}').toString();
  }
}
