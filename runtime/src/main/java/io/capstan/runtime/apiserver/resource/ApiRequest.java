package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;

/**
 * Who asks what about which objects: the resolved kind, namespace and name ({@code ""} when the
 * request has none), subresource ({@code ""} for the object itself), the authenticated user and the
 * write options every verb shares.
 *
 * @param fieldManager who makes the change, for managedFields ({@code ""}: derived from the user agent)
 * @param fieldValidation {@code Strict}, {@code Warn} or {@code Ignore}, as the query parameter
 */
public record ApiRequest(ResourceKind kind, String namespace, String name, String subresource, UserInfo user,
    boolean dryRun, String fieldManager, String fieldValidation) {

  public ApiRequest {
    requireNonNull(kind, "kind");
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    requireNonNull(subresource, "subresource");
    requireNonNull(user, "user");
    requireNonNull(fieldManager, "fieldManager");
    requireNonNull(fieldValidation, "fieldValidation");
  }

  /** A plain request by {@code user} on a kind, for in-process callers and tests. */
  public static ApiRequest of(ResourceKind kind, String namespace, String name, UserInfo user) {
    return new ApiRequest(kind, namespace, name, "", user, false, "", "Strict");
  }

  public ApiRequest withName(String newName) {
    return new ApiRequest(kind, namespace, newName, subresource, user, dryRun, fieldManager, fieldValidation);
  }

  public ApiRequest withSubresource(String sub) {
    return new ApiRequest(kind, namespace, name, sub, user, dryRun, fieldManager, fieldValidation);
  }

  public ApiRequest withDryRun(boolean value) {
    return new ApiRequest(kind, namespace, name, subresource, user, value, fieldManager, fieldValidation);
  }

  public ApiRequest withFieldManager(String manager) {
    return new ApiRequest(kind, namespace, name, subresource, user, dryRun, manager, fieldValidation);
  }
}
