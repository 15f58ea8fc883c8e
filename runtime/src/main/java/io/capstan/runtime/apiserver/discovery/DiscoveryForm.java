package io.capstan.runtime.apiserver.discovery;

/**
 * Which document {@code /api} and {@code /apis} answer with, and the {@code Content-Type} to send
 * with it. kubectl decides how to read the body from the {@code Content-Type} alone (kubectl.md
 * §1.1), so the two must always travel together.
 */
public enum DiscoveryForm {

  /** {@code APIVersions} / {@code APIGroupList}; clients then fetch every group version. */
  LEGACY("application/json"),

  /** {@code apidiscovery.k8s.io/v2 APIGroupDiscoveryList}: every resource in one answer. */
  AGGREGATED_V2("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");

  private final String contentType;

  DiscoveryForm(String contentType) {
    this.contentType = contentType;
  }

  /** The {@code Content-Type} header value for this form. */
  public String contentType() {
    return contentType;
  }

  /**
   * The form to answer {@code accept} with, as Kubernetes' aggregated-discovery wrapper decides
   * (apiserver/pkg/endpoints/discovery/aggregated/wrapper.go): aggregated only when the first
   * acceptable JSON clause asks for {@code g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList}.
   * Capstan serves v2 only, so a client that accepts nothing but {@code v2beta1} gets the legacy
   * documents, exactly as a server without v2beta1 answers it.
   *
   * @param accept the request's {@code Accept} header, null when absent
   */
  public static DiscoveryForm negotiate(String accept) {
    ConversionTarget target = JsonNegotiation.choose(accept,
        t -> t.is("apidiscovery.k8s.io", "v2", "APIGroupDiscoveryList"));
    return target.isNone() ? LEGACY : AGGREGATED_V2;
  }
}
