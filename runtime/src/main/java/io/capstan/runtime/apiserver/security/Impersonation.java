package io.capstan.runtime.apiserver.security;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.UserInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' impersonation headers ({@code Impersonate-User}, {@code Impersonate-Group},
 * {@code Impersonate-Uid}, {@code Impersonate-Extra-<key>}): each requested identity part is
 * authorized as verb {@code impersonate} on {@code users}, {@code serviceaccounts} (for
 * {@code system:serviceaccount:NS:NAME}), {@code groups}, {@code uids} or {@code userextras/<key>},
 * and the request then proceeds as the impersonated user (what {@code kubectl --as} sends).
 */
final class Impersonation {

  static final String USER = "Impersonate-User";
  static final String GROUP = "Impersonate-Group";
  static final String UID = "Impersonate-Uid";
  static final String EXTRA_PREFIX = "impersonate-extra-";
  private static final String AUTHN_GROUP = "authentication.k8s.io";

  private Impersonation() {}

  /** The attributes to authorize for each requested part, and the user the request then acts as; empty without headers. */
  record Plan(List<AuthorizationAttributes> checks, UserInfo user) {}

  static Optional<Plan> plan(UserInfo requester, AuthenticationRequest request) {
    Optional<String> name = request.header(USER).filter(s -> !s.isBlank());
    List<String> groups = request.headers().getOrDefault(GROUP, List.of());
    Optional<String> uid = request.header(UID).filter(s -> !s.isBlank());
    Map<String, List<String>> extra = new LinkedHashMap<>();
    request.headers().forEach((header, values) -> {
      if (header.toLowerCase(Locale.ROOT).startsWith(EXTRA_PREFIX)) {
        String key = URLDecoder.decode(header.substring(EXTRA_PREFIX.length()), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        extra.put(key, values);
      }
    });
    if (name.isEmpty()) {
      if (!groups.isEmpty() || uid.isPresent() || !extra.isEmpty()) {
        throw ApiErrors.badRequest("requested impersonation of groups, uid or extra fields without impersonating a user "
            + "(add the Impersonate-User header, or --as with kubectl)");
      }
      return Optional.empty();
    }
    String user = name.get();
    List<AuthorizationAttributes> checks = new ArrayList<>();
    List<String> finalGroups = new ArrayList<>();
    if (user.startsWith("system:serviceaccount:") && user.split(":", -1).length == 4) {
      String[] parts = user.split(":", -1);
      checks.add(AuthorizationAttributes.resource(requester, "impersonate", parts[2], "", "", "serviceaccounts", "", parts[3]));
      finalGroups.add("system:serviceaccounts");
      finalGroups.add("system:serviceaccounts:" + parts[2]);
    } else {
      checks.add(AuthorizationAttributes.resource(requester, "impersonate", "", "", "", "users", "", user));
    }
    for (String group : groups) {
      checks.add(AuthorizationAttributes.resource(requester, "impersonate", "", "", "", "groups", "", group));
      if (!finalGroups.contains(group)) {
        finalGroups.add(group);
      }
    }
    uid.ifPresent(u -> checks.add(AuthorizationAttributes.resource(requester, "impersonate", "", AUTHN_GROUP, "", "uids", "", u)));
    extra.forEach((key, values) -> values.forEach(value ->
        checks.add(AuthorizationAttributes.resource(requester, "impersonate", "", AUTHN_GROUP, "", "userextras", key, value))));
    UserInfo impersonated = new UserInfo(user, uid.orElse(""), finalGroups, extra);
    if (impersonated.isAnonymous()) {
      if (!impersonated.inGroup(UserInfo.GROUP_UNAUTHENTICATED)) {
        List<String> more = new ArrayList<>(finalGroups);
        more.add(UserInfo.GROUP_UNAUTHENTICATED);
        impersonated = new UserInfo(user, uid.orElse(""), more, extra);
      }
    } else {
      impersonated = impersonated.withAuthenticatedGroup();
    }
    return Optional.of(new Plan(checks, impersonated));
  }
}
