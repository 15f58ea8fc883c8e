package io.capstan.spi.ingress;

/** Names used in IngressClass handling. */
public final class IngressClasses {

  /** {@code spec.controller} of the IngressClass served by the {@code builtin} controller. */
  public static final String BUILTIN_CONTROLLER = "capstan.io/builtin";

  /** {@code spec.controller} of the IngressClass served by the {@code nginx} controller. */
  public static final String NGINX_CONTROLLER = "capstan.io/nginx";

  /** Annotation marking the IngressClass that class-less Ingresses belong to. */
  public static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

  /** The deprecated per-Ingress class annotation, still honoured as a class name. */
  public static final String LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  private IngressClasses() {}
}
