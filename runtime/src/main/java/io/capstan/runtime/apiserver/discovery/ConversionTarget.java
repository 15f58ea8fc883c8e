package io.capstan.runtime.apiserver.discovery;

import static java.util.Objects.requireNonNull;

/**
 * The kind an {@code Accept} clause asks the server to convert its answer to, from the clause's
 * {@code g}, {@code v} and {@code as} parameters ({@code g=meta.k8s.io;v=v1;as=Table}). A missing
 * parameter is empty, as in Kubernetes' {@code MediaTypeOptions.Convert}. {@link #NONE} means the
 * clause asked for no conversion: the resource's own representation. Immutable.
 *
 * @param group the {@code g} parameter
 * @param version the {@code v} parameter
 * @param kind the {@code as} parameter
 */
public record ConversionTarget(String group, String version, String kind) {

  /** No conversion: answer with the object, list or legacy document itself. */
  public static final ConversionTarget NONE = new ConversionTarget("", "", "");

  public ConversionTarget {
    requireNonNull(group, "group");
    requireNonNull(version, "version");
    requireNonNull(kind, "kind");
  }

  /** True for {@link #NONE}. */
  public boolean isNone() {
    return equals(NONE);
  }

  /** True when this is exactly {@code group}, {@code version}, {@code kind}. */
  public boolean is(String g, String v, String k) {
    return group.equals(g) && version.equals(v) && kind.equals(k);
  }
}
