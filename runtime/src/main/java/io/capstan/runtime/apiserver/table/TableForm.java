package io.capstan.runtime.apiserver.table;

import io.capstan.runtime.apiserver.discovery.ConversionTarget;
import io.capstan.runtime.apiserver.discovery.JsonNegotiation;
import java.util.Optional;

/**
 * Whether a get or list answers the object itself or a {@link Table}, decided from the
 * {@code Accept} header as Kubernetes decides it ({@code negotiation.NegotiateMediaTypeOptions}
 * with the Table conversion allowed, see {@link JsonNegotiation}): kubectl's {@code
 * application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json}
 * gets a v1 Table; {@code -o json} and {@code -o yaml} send plain {@code application/json} and get
 * the object. {@code PartialObjectMetadata} conversions are not offered, so clauses asking for them
 * are skipped.
 */
public enum TableForm {

  /** The object or list itself. */
  OBJECT("application/json"),
  /** A {@code meta.k8s.io/v1} table. */
  TABLE_V1("application/json;as=Table;v=v1;g=meta.k8s.io"),
  /** A {@code meta.k8s.io/v1beta1} table (same shape, older version). */
  TABLE_V1BETA1("application/json;as=Table;v=v1beta1;g=meta.k8s.io");

  private final String contentType;

  TableForm(String contentType) {
    this.contentType = contentType;
  }

  /** The {@code Content-Type} of the answer, also of a watch stream of table events. */
  public String contentType() {
    return contentType;
  }

  /** The table's {@code apiVersion}, empty for {@link #OBJECT}. */
  public Optional<String> tableApiVersion() {
    return switch (this) {
      case OBJECT -> Optional.empty();
      case TABLE_V1 -> Optional.of("meta.k8s.io/v1");
      case TABLE_V1BETA1 -> Optional.of("meta.k8s.io/v1beta1");
    };
  }

  /** The form for the request's {@code Accept} header (null when absent). */
  public static TableForm negotiate(String accept) {
    ConversionTarget target = JsonNegotiation.choose(accept, t -> t.is("meta.k8s.io", "v1", "Table")
        || t.is("meta.k8s.io", "v1beta1", "Table"));
    if (target.isNone()) {
      return OBJECT;
    }
    return target.version().equals("v1") ? TABLE_V1 : TABLE_V1BETA1;
  }
}
