package io.capstan.runtime.apiserver.validation;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * Schema and name validation, the step of the request path between mutating and validating
 * admission: Kubernetes' {@code ValidateXxx} and {@code ValidateXxxUpdate} functions for built-in
 * kinds, over fabric8 objects, with Kubernetes 1.32's rules and messages. Every kind gets the
 * ObjectMeta rules (name or generateName, namespace present exactly for namespaced kinds, labels,
 * annotations, owner references, finalizers); built-in kinds get their spec rules too (see
 * {@code BuiltInRules}); plugin kinds get ObjectMeta with DNS-1123 subdomain names plus whatever a
 * {@link SchemaCheck} adds.
 *
 * <p>Pure functions: nothing is modified, nothing is looked up, and the result depends only on the
 * arguments. The errors come in the order Kubernetes finds them (maps in key order); an empty list
 * means valid. Render a non-empty list with {@link InvalidStatus}. Fields that Kubernetes defaults
 * before validating are only checked when set, so a control plane without the {@code DefaultValues}
 * admission plugin does not reject objects for missing defaults. Thread-safe.
 */
public final class Validators {

  private Validators() {}

  /** The problems of a new object of {@code kind}. */
  public static List<FieldError> validateCreate(ResourceKind kind, HasMetadata obj) {
    return validateCreate(kind, obj, SchemaCheck.NONE);
  }

  /** The problems of a new object, with {@code schema} run after the built-in rules. */
  public static List<FieldError> validateCreate(ResourceKind kind, HasMetadata obj, SchemaCheck schema) {
    requireNonNull(kind, "kind");
    requireNonNull(obj, "obj");
    requireNonNull(schema, "schema");
    FieldErrors errs = new FieldErrors();
    Optional<KindRules<? extends HasMetadata>> rules = BuiltInRules.find(kind.group(), kind.kind());
    NameRule names = rules.map(KindRules::names).orElse(NameRule.DNS_SUBDOMAIN);
    MetaValidation.create(obj.getMetadata(), kind.namespaced(), names, builtIn(kind, rules), errs);
    rules.ifPresent(r -> runCreate(r, obj, errs));
    errs.addAll(schema.check(kind, obj));
    return errs.toList();
  }

  /** The problems of an update from {@code oldObj} (the stored object) to {@code newObj}. */
  public static List<FieldError> validateUpdate(ResourceKind kind, HasMetadata newObj, HasMetadata oldObj) {
    return validateUpdate(kind, newObj, oldObj, SchemaCheck.NONE);
  }

  /** The problems of an update, with {@code schema} run on the new object after the built-in rules. */
  public static List<FieldError> validateUpdate(ResourceKind kind, HasMetadata newObj, HasMetadata oldObj,
      SchemaCheck schema) {
    requireNonNull(kind, "kind");
    requireNonNull(newObj, "newObj");
    requireNonNull(oldObj, "oldObj");
    requireNonNull(schema, "schema");
    FieldErrors errs = new FieldErrors();
    Optional<KindRules<? extends HasMetadata>> rules = BuiltInRules.find(kind.group(), kind.kind());
    MetaValidation.update(newObj.getMetadata(), oldObj.getMetadata(), builtIn(kind, rules), errs);
    rules.ifPresent(r -> runUpdate(r, newObj, oldObj, errs));
    errs.addAll(schema.check(kind, newObj));
    return errs.toList();
  }

  /**
   * Whether core's finalizer-name rule applies: kube-apiserver's kinds, not the apiextensions
   * server's (whose CRDs carry the unprefixed {@code customresourcecleanup.apiextensions.k8s.io}).
   */
  private static boolean builtIn(ResourceKind kind, Optional<?> rules) {
    return !kind.group().equals("apiextensions.k8s.io") && (rules.isPresent() || BuiltInRules.isKubernetesGroup(kind.group()));
  }

  private static <T extends HasMetadata> void runCreate(KindRules<T> rules, HasMetadata obj, FieldErrors errs) {
    as(rules.type(), obj, errs).ifPresent(typed -> rules.create().validate(typed, errs));
  }

  private static <T extends HasMetadata> void runUpdate(KindRules<T> rules, HasMetadata obj, HasMetadata old,
      FieldErrors errs) {
    Optional<T> typed = as(rules.type(), obj, errs);
    Optional<T> typedOld = as(rules.type(), old, errs);
    if (typed.isPresent() && typedOld.isPresent()) {
      rules.update().validate(typed.get(), typedOld.get(), errs);
    }
  }

  /** The object as the rules' class, converting through JSON when it arrived as another class. */
  private static <T extends HasMetadata> Optional<T> as(Class<T> type, HasMetadata obj, FieldErrors errs) {
    if (type.isInstance(obj)) {
      return Optional.of(type.cast(obj));
    }
    try {
      return Optional.of(DeepCopy.copyAs(obj, type));
    } catch (IllegalArgumentException e) {
      errs.add(new FieldError(ErrorType.TYPE_INVALID, "", null,
          "the object does not have the shape of a " + type.getSimpleName() + ": " + e.getMessage()));
      return Optional.empty();
    }
  }
}
