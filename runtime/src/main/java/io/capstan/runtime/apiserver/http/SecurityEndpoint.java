package io.capstan.runtime.apiserver.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.security.AccessReviews;
import io.capstan.runtime.apiserver.security.ApiSecurity;
import io.capstan.runtime.apiserver.security.ServiceAccountTokens;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The create-only resources of the security layer, which store nothing: the access and self
 * reviews ({@code kubectl auth can-i}, {@code kubectl auth whoami}) and the TokenRequest
 * subresource {@code serviceaccounts/token} ({@code kubectl create token NAME}).
 */
final class SecurityEndpoint {

  private final ResourceApi api;
  private final ApiSecurity security;
  private final AccessReviews reviews;
  private final Bodies bodies;

  SecurityEndpoint(ResourceApi api, ApiSecurity security, Bodies bodies) {
    this.api = requireNonNull(api, "api");
    this.security = requireNonNull(security, "security");
    this.reviews = new AccessReviews(security);
    this.bodies = requireNonNull(bodies, "bodies");
  }

  boolean handles(RequestInfo info) {
    return AccessReviews.isReview(info.group(), info.resource()) && info.name().isEmpty()
        || info.group().isEmpty() && info.resource().equals("serviceaccounts") && info.subresource().equals("token");
  }

  void handle(RequestInfo info, Request request, Response response, Callback callback, UserInfo user, byte[] body) {
    if (!info.verb().equals("create")) {
      throw ApiErrors.methodNotAllowed("the server does not allow this method on the requested resource");
    }
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    JsonNode tree = ResourceEndpoint.requireObject(bodies.read(body, contentType));
    if (info.resource().equals("serviceaccounts")) {
      ServiceAccountTokens tokens = security.tokens().orElseThrow(() ->
          ApiErrors.methodNotAllowed("this API server issues no service-account tokens (it has no signing key)"));
      ResourceKind kind = api.kinds().byResource("", "serviceaccounts").orElseThrow();
      ServiceAccount account = (ServiceAccount) api.reads().get(ApiRequest.of(kind, info.namespace(), info.name(), user), "");
      Responses.json(response, callback, 201, tokens.tokenRequest(account, tree, api.strategy().now()), accept);
      return;
    }
    Responses.json(response, callback, 201,
        reviews.review(info.group(), info.version(), info.resource(), info.namespace(), user, tree), accept);
  }
}
