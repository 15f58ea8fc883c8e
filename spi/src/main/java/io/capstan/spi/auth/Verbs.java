package io.capstan.spi.auth;

/**
 * The request verbs authorizers see, as Kubernetes derives them from the HTTP method and path:
 * GET on an object is {@code get}, on a collection {@code list}, with {@code ?watch=true}
 * {@code watch}; POST is {@code create}; PUT {@code update}; PATCH {@code patch}; DELETE on an
 * object {@code delete}, on a collection {@code deletecollection}. Non-resource requests use the
 * lower-cased HTTP method.
 */
public final class Verbs {

  public static final String GET = "get";
  public static final String LIST = "list";
  public static final String WATCH = "watch";
  public static final String CREATE = "create";
  public static final String UPDATE = "update";
  public static final String PATCH = "patch";
  public static final String DELETE = "delete";
  public static final String DELETECOLLECTION = "deletecollection";
  /** Matches every verb in RBAC rules; never the verb of a request. */
  public static final String ALL = "*";

  private Verbs() {}
}
