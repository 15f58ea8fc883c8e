package io.capstan.plugins.admission.webhook;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.admission.webhook.AdmissionReviews.Verdict;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ApiException;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import jakarta.inject.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one webhook for one request the way Kubernetes' generic webhook dispatcher does: skip it
 * unless its rules and selectors match; post the review; on a failed call or a malformed answer,
 * refuse with 500 {@code failed calling webhook "NAME": ...} under {@code failurePolicy: Fail},
 * or log and go on under {@code Ignore}; turn a denial into the webhook's own status with the
 * message {@code admission webhook "NAME" denied the request: ...}.
 */
final class WebhookDispatcher {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final Provider<ApiClient> client;
  private final WebhookTransport transport;

  WebhookDispatcher(Provider<ApiClient> client) {
    this.client = requireNonNull(client, "client");
    this.transport = new WebhookTransport(client);
  }

  /** The webhook's answer; empty when the webhook does not want the request or was ignored after failing. */
  Optional<Verdict> call(Webhook webhook, AdmissionRequest request) {
    if (!WebhookRules.matchesRules(webhook, request) || !WebhookRules.matchesSelectors(webhook, request, this::namespaceLabels)) {
      return Optional.empty();
    }
    String uid = UUID.randomUUID().toString();
    try {
      Verdict verdict = AdmissionReviews.verdict(transport.post(webhook, AdmissionReviews.request(request, uid)), uid);
      verdict.warnings().forEach(w -> log.info("webhook {} warns about {}/{}: {}", webhook.name(), request.namespace(), request.name(), w));
      if (!verdict.allowed()) {
        throw denied(webhook.name(), verdict.status());
      }
      return Optional.of(verdict);
    } catch (WebhookTransport.CallFailure | IllegalArgumentException e) {
      return failed(webhook, request, e.getMessage());
    }
  }

  /** A failed call: refused under failurePolicy Fail, ignored (logged) under Ignore. */
  Optional<Verdict> failed(Webhook webhook, AdmissionRequest request, String why) {
    String message = "failed calling webhook \"" + webhook.name() + "\": " + why;
    if (webhook.failOpen()) {
      log.warn("{} for {} {}/{}; failurePolicy is Ignore, admitting", message, request.resource(), request.namespace(), request.name());
      return Optional.empty();
    }
    throw ApiException.fromStatus(ApiException.failure(500, "InternalError", "Internal error occurred: " + message,
        request.resource(), request.name()));
  }

  /** Kubernetes' {@code webhookerrors.ToStatusErr}: the webhook's status, at least 400, with the webhook named. */
  static ApiException denied(String webhook, Optional<Status> given) {
    Status status = given.map(s -> new StatusBuilder(s).build()).orElseGet(Status::new);
    String deniedBy = "admission webhook \"" + webhook + "\" denied the request";
    if (status.getCode() == null || status.getCode() < 400) {
      status.setCode(400);
    }
    if (status.getStatus() == null || status.getStatus().isEmpty() || "Success".equals(status.getStatus())) {
      status.setStatus("Failure");
    }
    if (status.getMessage() != null && !status.getMessage().isEmpty()) {
      status.setMessage(deniedBy + ": " + status.getMessage());
    } else if (status.getReason() != null && !status.getReason().isEmpty()) {
      status.setMessage(deniedBy + ": " + status.getReason());
    } else {
      status.setMessage(deniedBy + " without explanation");
    }
    status.setApiVersion("v1");
    status.setKind("Status");
    return ApiException.fromStatus(status);
  }

  private Map<String, String> namespaceLabels(String namespace) {
    return client.get().resources(Namespace.class).get("", namespace)
        .map(ns -> ns.getMetadata().getLabels() == null ? Map.<String, String>of() : ns.getMetadata().getLabels())
        .orElse(Map.of());
  }
}
