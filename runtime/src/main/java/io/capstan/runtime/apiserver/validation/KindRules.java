package io.capstan.runtime.apiserver.validation;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The validation of one built-in kind beyond ObjectMeta: how its names are checked and what its
 * spec must satisfy on create and on update.
 *
 * @param <T> the fabric8 class the rules read
 * @param type the fabric8 class; objects of another class (a {@code GenericKubernetesResource}) are
 *     converted to it first
 * @param names the rule for {@code metadata.name} and {@code generateName}
 * @param create the rules for a new object
 * @param update the whole spec validation of an update (usually {@code create} again plus what may
 *     not change, as Kubernetes' {@code ValidateXxxUpdate} functions do)
 */
record KindRules<T extends HasMetadata>(Class<T> type, NameRule names, Create<T> create, Update<T> update) {

  KindRules {
    requireNonNull(type, "type");
    requireNonNull(names, "names");
    requireNonNull(create, "create");
    requireNonNull(update, "update");
  }

  /** Rules whose update check is the create check alone. */
  static <T extends HasMetadata> KindRules<T> of(Class<T> type, NameRule names, Create<T> create) {
    return new KindRules<>(type, names, create, (n, o, errs) -> create.validate(n, errs));
  }

  /** Rules whose update check is the create check followed by {@code extra}. */
  static <T extends HasMetadata> KindRules<T> withUpdate(Class<T> type, NameRule names, Create<T> create,
      Update<T> extra) {
    return new KindRules<>(type, names, create, (n, o, errs) -> {
      create.validate(n, errs);
      extra.validate(n, o, errs);
    });
  }

  /** Only the name rule: ObjectMeta is all Capstan checks for the kind. */
  static <T extends HasMetadata> KindRules<T> metaOnly(Class<T> type, NameRule names) {
    return of(type, names, (obj, errs) -> { });
  }

  /** Appends the problems of a new object. */
  @FunctionalInterface
  interface Create<T> {
    void validate(T object, FieldErrors errs);
  }

  /** Appends what an update may not change. */
  @FunctionalInterface
  interface Update<T> {
    void validate(T object, T old, FieldErrors errs);
  }
}
