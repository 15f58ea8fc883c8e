package io.capstan.runtime.apiserver.discovery;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Content negotiation for an endpoint that answers JSON, optionally converted to another kind
 * (aggregated discovery, Table), following Kubernetes' {@code negotiation.NegotiateMediaTypeOptions}
 * (k8s.io/apiserver/pkg/endpoints/handlers/negotiation/negotiate.go).
 *
 * <p>The clauses of the {@code Accept} header are tried most preferred first; a clause counts only
 * if {@code application/json} satisfies it and its parameters are acceptable: {@code g}/{@code v}/
 * {@code as} must name a conversion the endpoint allows (or be absent), {@code stream} may only be
 * {@code watch}, {@code sv} must be absent; other parameters ({@code pretty}, {@code charset}, ...)
 * are ignored. The first clause that counts decides. When none does (no header, only protobuf,
 * only conversions the endpoint does not offer), the answer is plain JSON, as Kubernetes falls
 * back to its first serializer. Protobuf and YAML clauses never count: Capstan answers JSON only.
 * Stateless.
 */
public final class JsonNegotiation {

  private JsonNegotiation() {}

  /**
   * The conversion to answer with for {@code accept} (null means no header), {@link
   * ConversionTarget#NONE} for plain JSON.
   *
   * @param allowed the conversions this endpoint can produce ({@code Table} at meta.k8s.io/v1, ...)
   */
  public static ConversionTarget choose(String accept, Predicate<ConversionTarget> allowed) {
    requireNonNull(allowed, "allowed");
    for (MediaRange range : AcceptHeader.parse(accept)) {
      if (!range.accepts("application", "json")) {
        continue;
      }
      ConversionTarget target = acceptable(range.params(), allowed);
      if (target != null) {
        return target;
      }
    }
    return ConversionTarget.NONE;
  }

  /** The clause's conversion when its parameters are acceptable, else null (skip the clause). */
  private static ConversionTarget acceptable(Map<String, String> params, Predicate<ConversionTarget> allowed) {
    String stream = params.getOrDefault("stream", "");
    if (!stream.isEmpty() && !stream.equals("watch")) {
      return null;
    }
    if (!params.getOrDefault("sv", "").isEmpty()) {
      return null;
    }
    boolean converts = params.containsKey("as") || params.containsKey("g") || params.containsKey("v");
    if (!converts) {
      return ConversionTarget.NONE;
    }
    ConversionTarget target = new ConversionTarget(params.getOrDefault("g", ""), params.getOrDefault("v", ""),
        params.getOrDefault("as", ""));
    return allowed.test(target) ? target : null;
  }
}
