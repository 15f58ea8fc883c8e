package io.capstan.runtime.apiserver.table;

import static java.util.Objects.requireNonNull;

/**
 * How to render a table ({@code metav1.TableOptions} plus the negotiated version). Immutable.
 *
 * @param apiVersion {@code meta.k8s.io/v1} or {@code meta.k8s.io/v1beta1}, from the negotiated Accept
 * @param includeObject what each row's {@code object} holds
 * @param noHeaders true to leave {@code columnDefinitions} empty (the {@code noHeaders} parameter)
 */
public record TableOptions(String apiVersion, IncludeObject includeObject, boolean noHeaders) {

  /** kubectl's request: v1, metadata in each row, headers included. */
  public static final TableOptions DEFAULT = new TableOptions("meta.k8s.io/v1", IncludeObject.METADATA, false);

  public TableOptions {
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(includeObject, "includeObject");
    if (!apiVersion.equals("meta.k8s.io/v1") && !apiVersion.equals("meta.k8s.io/v1beta1")) {
      throw new IllegalArgumentException("a table is meta.k8s.io/v1 or meta.k8s.io/v1beta1, not " + apiVersion);
    }
  }

  /** A copy with {@code includeObject}. */
  public TableOptions withIncludeObject(IncludeObject policy) {
    return new TableOptions(apiVersion, policy, noHeaders);
  }
}
