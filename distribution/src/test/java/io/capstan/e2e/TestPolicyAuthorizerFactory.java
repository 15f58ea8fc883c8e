package io.capstan.e2e;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.AuthorizationDecision;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.AuthorizerFactory;
import io.capstan.spi.plugin.NoConfig;

/**
 * A test-only authorizer ({@code test-policy}) with fixed rules, so the security tests do not
 * depend on the RBAC plugin: every authenticated user may read non-resource paths and create self
 * reviews; {@code bob} may do anything in namespace {@code a}; {@code alice} may do anything but
 * impersonate, and may impersonate user {@code bob} only; service account {@code default/robot}
 * may get and list pods in {@code default}. Anything else: no opinion (so denied).
 */
public final class TestPolicyAuthorizerFactory implements AuthorizerFactory<NoConfig> {

  @Override
  public String name() {
    return "test-policy";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Authorizer.class).toInstance(TestPolicyAuthorizerFactory::decide);
      }
    };
  }

  static AuthorizationDecision decide(AuthorizationAttributes a) {
    String user = a.user().name();
    if (!a.resourceRequest() && a.verb().equals("get")) {
      return AuthorizationDecision.allow("test-policy: reads of non-resource paths");
    }
    if (a.verb().equals("create") && (a.resource().equals("selfsubjectaccessreviews") || a.resource().equals("selfsubjectreviews"))) {
      return AuthorizationDecision.allow("test-policy: self reviews");
    }
    if (user.equals("bob") && a.namespace().equals("a")) {
      return AuthorizationDecision.allow("test-policy: bob owns namespace a");
    }
    if (user.equals("alice")) {
      if (!a.verb().equals("impersonate")) {
        return AuthorizationDecision.allow("test-policy: alice");
      }
      if (a.resource().equals("users") && a.name().equals("bob")) {
        return AuthorizationDecision.allow("test-policy: alice may act as bob");
      }
    }
    if (user.equals("system:serviceaccount:default:robot") && a.namespace().equals("default") && a.resource().equals("pods")
        && (a.verb().equals("get") || a.verb().equals("list"))) {
      return AuthorizationDecision.allow("test-policy: robot reads pods");
    }
    return AuthorizationDecision.noOpinion();
  }
}
