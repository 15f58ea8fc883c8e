package io.capstan.runtime.apiserver.http;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty itself answers before a request reaches the API (a malformed URI, a header too
 * large) as Kubernetes {@code Status} bodies, so every error a client sees has the same shape.
 */
public final class StatusErrorHandler extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int code = response.getStatus() >= 400 ? response.getStatus() : 500;
    Object message = request.getAttribute(ERROR_MESSAGE);
    String text = message == null ? "the request could not be handled" : message.toString();
    Responses.status(response, callback, ApiErrors.status(code, reason(code), text, null));
    return true;
  }

  private static String reason(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 413 -> "RequestEntityTooLarge";
      case 414, 431 -> "BadRequest";
      default -> code >= 500 ? "InternalError" : "BadRequest";
    };
  }
}
