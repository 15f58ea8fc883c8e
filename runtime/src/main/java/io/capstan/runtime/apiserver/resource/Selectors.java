package io.capstan.runtime.apiserver.resource;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.api.FieldSelectorSpec;
import io.capstan.spi.api.FieldSelectors;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A list's or watch's label and field selectors as one predicate; a selector that does not parse,
 * or names a field the kind does not support, is a 400 BadRequest with Kubernetes' message.
 */
final class Selectors {

  private Selectors() {}

  static Predicate<HasMetadata> of(ResourceKind kind, ListQuery query) {
    LabelSelectorSpec labels;
    FieldSelectorSpec fields;
    try {
      labels = query.labelSelector().isBlank() ? LabelSelectorSpec.everything() : LabelSelectorSpec.parse(query.labelSelector());
    } catch (IllegalArgumentException e) {
      throw ApiErrors.badRequest("unable to parse requirement: " + e.getMessage());
    }
    try {
      fields = query.fieldSelector().isBlank() ? FieldSelectorSpec.everything()
          : FieldSelectorSpec.parse(query.fieldSelector()).requireSupported(kind.kind(), FieldSelectors.supportedFields(kind.group(), kind.kind()));
    } catch (IllegalArgumentException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
    if (labels.matchesEverything() && fields.matchesEverything()) {
      return io.capstan.runtime.apiserver.storage.ObjectStorage.ALL; // lets a store list skip decoding and count what remains
    }
    LabelSelectorSpec l = labels;
    FieldSelectorSpec f = fields;
    return object -> {
      Map<String, String> objectLabels = object.getMetadata().getLabels();
      return l.matches(objectLabels == null ? Map.of() : objectLabels)
          && (f.matchesEverything() || f.matches(FieldSelectors.fieldsOf(object)));
    };
  }
}
