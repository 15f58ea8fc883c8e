package io.capstan.plugins.admission.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.apiserver.security.Certificates;
import io.capstan.runtime.apiserver.security.ServiceAccountTokens;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthenticationResult.Outcome;
import io.capstan.spi.auth.AuthenticationResult;
import io.capstan.spi.auth.ClusterTrust;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens signed as the API server's TokenRequest signs them, checked against real ServiceAccounts in a real API. */
class ServiceAccountAuthenticatorTest {

  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final KeyPair KEYS = Certificates.newKeyPair();
  static final ClusterTrust TRUST = new ClusterTrust(List.of(), List.of(KEYS.getPublic()), ClusterTrust.DEFAULT_ISSUER);

  @TempDir Path dir;
  ReferenceStore store;
  PooledTaskExecutor executor;
  ApiClient client;
  final ServiceAccountTokens signer = new ServiceAccountTokens(KEYS, ClusterTrust.DEFAULT_ISSUER);

  @BeforeEach
  void start() throws Exception {
    store = ReferenceStore.create();
    store.start();
    executor = new PooledTaskExecutor(1, Duration.ofSeconds(1));
    ApiServer server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, 100, Duration.ofSeconds(30), null),
        dir, store, KindRegistry.builtIn(), List.of(), ObjectValidator.NONE, new VirtualClock(T0), executor, ApiExtensions.NONE,
        NonResourceEndpoints.NONE);
    client = new InProcessApiClient(server.api(), UserInfo.of("test", UserInfo.GROUP_MASTERS), executor, Optional.empty());
  }

  @AfterEach
  void stop() throws Exception {
    store.close();
    executor.close();
  }

  private ServiceAccount account(String name) {
    return client.resources(ServiceAccount.class)
        .create(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata().build());
  }

  private String token(ServiceAccount account, long seconds) {
    return signer.tokenRequest(account, io.capstan.spi.api.KubeJson.mapper().createObjectNode()
        .set("spec", io.capstan.spi.api.KubeJson.mapper().createObjectNode().put("expirationSeconds", seconds)), T0)
        .path("status").path("token").asText();
  }

  private AuthenticationResult check(String token, Instant now) {
    return new ServiceAccountAuthenticator(TRUST, new VirtualClock(now), () -> client)
        .authenticate(AuthenticationRequest.ofHeaders(Map.of("Authorization", List.of("Bearer " + token))));
  }

  @Test
  void aBoundTokenNamesTheServiceAccount() {
    ServiceAccount robot = account("robot");
    AuthenticationResult result = check(token(robot, 3600), T0.plusSeconds(10));
    assertThat(result.outcome()).isEqualTo(Outcome.AUTHENTICATED);
    UserInfo user = result.user().orElseThrow();
    assertThat(user.name()).isEqualTo("system:serviceaccount:ns:robot");
    assertThat(user.uid()).isEqualTo(robot.getMetadata().getUid());
    assertThat(user.groups()).containsExactly("system:serviceaccounts", "system:serviceaccounts:ns");
  }

  @Test
  void theTokenDiesWithItsAccountAndStaysDeadForANewAccountOfTheSameName() {
    String token = token(account("robot"), 3600);
    client.resources(ServiceAccount.class).delete("ns", "robot");
    assertThat(check(token, T0.plusSeconds(10)).reason()).contains("has been deleted");
    account("robot");
    assertThat(check(token, T0.plusSeconds(10)).reason()).contains("deleted and created again");
  }

  @Test
  void expiredTokensAndForeignSignaturesAreRejected() {
    ServiceAccount robot = account("robot");
    assertThat(check(token(robot, 600), T0.plusSeconds(601)).reason()).contains("expired");
    String forged = new ServiceAccountTokens(Certificates.newKeyPair(), ClusterTrust.DEFAULT_ISSUER).tokenRequest(robot,
        io.capstan.spi.api.KubeJson.mapper().createObjectNode(), T0).path("status").path("token").asText();
    assertThat(check(forged, T0.plusSeconds(10)).reason()).contains("invalid signature");
    String tampered = token(robot, 3600);
    String[] parts = tampered.split("\\.");
    String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("robot", "admin").getBytes());
    assertThat(check(parts[0] + "." + otherClaims + "." + parts[2], T0.plusSeconds(10)).outcome()).isEqualTo(Outcome.REJECTED);
  }

  @Test
  void otherTokensAreNotItsConcern() {
    assertThat(check("static-token", T0).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    String otherIssuer = new ServiceAccountTokens(KEYS, "https://elsewhere").tokenRequest(account("robot"),
        io.capstan.spi.api.KubeJson.mapper().createObjectNode(), T0).path("status").path("token").asText();
    assertThat(check(otherIssuer, T0.plusSeconds(10)).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  /** A clock the test moves by hand. */
  private static final class HandClock implements io.capstan.spi.clock.Clock {
    private volatile Instant now;

    HandClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public long nanoTime() {
      return Duration.between(T0, now).toNanos();
    }
  }

  private static AuthenticationResult check(ServiceAccountAuthenticator authenticator, String token) {
    return authenticator.authenticate(AuthenticationRequest.ofHeaders(Map.of("Authorization", List.of("Bearer " + token))));
  }

  @Test
  void aRememberedTokenStillDiesWithItsAccountAndExpiresByTheClock() {
    HandClock clock = new HandClock(T0.plusSeconds(10));
    ServiceAccountAuthenticator authenticator = new ServiceAccountAuthenticator(TRUST, clock, () -> client);
    String token = token(account("robot"), 600);
    assertThat(check(authenticator, token).outcome()).isEqualTo(Outcome.AUTHENTICATED);
    assertThat(authenticator.rememberedTokens()).isEqualTo(1);
    assertThat(check(authenticator, token).outcome()).isEqualTo(Outcome.AUTHENTICATED);
    assertThat(authenticator.rememberedTokens()).isEqualTo(1);

    client.resources(ServiceAccount.class).delete("ns", "robot");
    assertThat(check(authenticator, token).reason()).contains("has been deleted");
    account("robot");
    assertThat(check(authenticator, token).reason()).contains("deleted and created again");

    String fresh = token(client.resources(ServiceAccount.class).get("ns", "robot").orElseThrow(), 600);
    assertThat(check(authenticator, fresh).outcome()).isEqualTo(Outcome.AUTHENTICATED);
    clock.now = T0.plusSeconds(601);
    assertThat(check(authenticator, fresh).reason()).contains("expired");
  }

  @Test
  void aRememberedTokenDoesNotVouchForAnAlteredOne() {
    ServiceAccountAuthenticator authenticator = new ServiceAccountAuthenticator(TRUST, new HandClock(T0.plusSeconds(10)), () -> client);
    ServiceAccount robot = account("robot");
    account("admin");
    String token = token(robot, 3600);
    assertThat(check(authenticator, token).outcome()).isEqualTo(Outcome.AUTHENTICATED);
    String[] parts = token.split("\\.");
    String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("robot", "admin").getBytes());
    assertThat(check(authenticator, parts[0] + "." + otherClaims + "." + parts[2]).reason()).contains("invalid signature");
    String forged = new ServiceAccountTokens(Certificates.newKeyPair(), ClusterTrust.DEFAULT_ISSUER).tokenRequest(robot,
        io.capstan.spi.api.KubeJson.mapper().createObjectNode(), T0).path("status").path("token").asText();
    assertThat(check(authenticator, forged).reason()).contains("invalid signature");
    assertThat(authenticator.rememberedTokens()).isEqualTo(1);
  }
}
