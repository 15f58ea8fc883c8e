package io.capstan.spi.auth;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who a request comes from, as Kubernetes' {@code user.Info}. Immutable.
 *
 * @param name the user name ({@code alice}, {@code system:serviceaccount:ns:sa},
 *     {@code system:anonymous}); never empty
 * @param uid a unique id, or {@code ""} when the authenticator has none
 * @param groups the groups, in the authenticator's order, without duplicates
 * @param extra additional attributes authorizers may read (scopes, for instance)
 */
public record UserInfo(String name, String uid, List<String> groups,
    Map<String, List<String>> extra) {

  /** Added to every authenticated user (not to the anonymous user). */
  public static final String GROUP_AUTHENTICATED = "system:authenticated";
  /** The group of the anonymous user. */
  public static final String GROUP_UNAUTHENTICATED = "system:unauthenticated";
  /** Members are allowed everything by the default RBAC bindings (cluster-admin). */
  public static final String GROUP_MASTERS = "system:masters";
  /** The user name given to requests no authenticator recognised, when anonymous access is on. */
  public static final String USER_ANONYMOUS = "system:anonymous";

  public UserInfo {
    requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("user name must not be empty");
    }
    requireNonNull(uid, "uid");
    groups = List.copyOf(requireNonNull(groups, "groups"));
    if (groups.stream().distinct().count() != groups.size()) {
      throw new IllegalArgumentException("duplicate groups in " + groups);
    }
    // Deep copy: a Map.copyOf alone would keep the caller's mutable value lists.
    Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
    requireNonNull(extra, "extra").forEach((k, v) -> copy.put(k, List.copyOf(v)));
    extra = java.util.Collections.unmodifiableMap(copy);
  }

  /** A user with a name and groups only. */
  public static UserInfo of(String name, String... groups) {
    return new UserInfo(name, "", List.of(groups), Map.of());
  }

  /** The anonymous user, member of {@link #GROUP_UNAUTHENTICATED} only. */
  public static UserInfo anonymous() {
    return of(USER_ANONYMOUS, GROUP_UNAUTHENTICATED);
  }

  public boolean isAnonymous() {
    return USER_ANONYMOUS.equals(name);
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }

  /**
   * The user as the API server passes it on after authentication: with
   * {@link #GROUP_AUTHENTICATED} appended unless the user is anonymous or already has it (what
   * Kubernetes' authenticated-group adder does). Authenticators return users without it.
   */
  public UserInfo withAuthenticatedGroup() {
    if (isAnonymous() || inGroup(GROUP_AUTHENTICATED)) {
      return this;
    }
    List<String> more = new ArrayList<>(groups);
    more.add(GROUP_AUTHENTICATED);
    return new UserInfo(name, uid, more, extra);
  }
}
