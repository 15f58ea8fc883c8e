package io.capstan.plugins.admission.x509;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.apiserver.security.Certificates;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthenticationResult;
import io.capstan.spi.auth.AuthenticationResult.Outcome;
import io.capstan.spi.auth.ClusterTrust;
import io.capstan.spi.auth.UserInfo;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class X509AuthenticatorTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final KeyPair CA_KEYS = Certificates.newKeyPair();
  static final X509Certificate CA = Certificates.selfSignedCa("test-ca", CA_KEYS, T0, Duration.ofDays(365));
  static final ClusterTrust TRUST = new ClusterTrust(List.of(CA), List.of(), ClusterTrust.DEFAULT_ISSUER);

  private static X509Certificate client(String user, List<String> groups, X509Certificate ca, KeyPair caKeys) {
    return Certificates.client(user, groups, Certificates.newKeyPair(), ca, caKeys.getPrivate(), T0, Duration.ofDays(30));
  }

  private static AuthenticationResult at(Instant now, X509Certificate... chain) {
    return new X509Authenticator(TRUST, new VirtualClock(now))
        .authenticate(new AuthenticationRequest(Map.of(), List.of(chain), "127.0.0.1:1"));
  }

  @Test
  void aCertificateOfTheClusterCaNamesTheUserAndGroupsInOrder() {
    AuthenticationResult result = at(T0.plusSeconds(60), client("alice", List.of("devs", "system:masters"), CA, CA_KEYS));
    assertThat(result.outcome()).isEqualTo(Outcome.AUTHENTICATED);
    assertThat(result.user()).contains(new UserInfo("alice", "", List.of("devs", "system:masters"), Map.of()));
  }

  @Test
  void expiredAndNotYetValidCertificatesAreRejected() {
    X509Certificate cert = client("alice", List.of(), CA, CA_KEYS);
    assertThat(at(T0.plus(Duration.ofDays(31)), cert).reason()).contains("expired or is not yet valid");
    assertThat(at(T0.minusSeconds(1), cert).outcome()).isEqualTo(Outcome.REJECTED);
  }

  @Test
  void aCertificateOfAnotherCaIsRejectedEvenWithTheSameNames() {
    KeyPair otherKeys = Certificates.newKeyPair();
    X509Certificate otherCa = Certificates.selfSignedCa("test-ca", otherKeys, T0, Duration.ofDays(365));
    AuthenticationResult result = at(T0.plusSeconds(60), client("alice", List.of("system:masters"), otherCa, otherKeys));
    assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(result.reason()).contains("unknown authority");
  }

  @Test
  void aServingCertificateIsNotAClientCredential() {
    X509Certificate serving = Certificates.serving("alice", List.of("localhost"), Certificates.newKeyPair(), CA,
        CA_KEYS.getPrivate(), T0, Duration.ofDays(30));
    assertThat(at(T0.plusSeconds(60), serving).reason()).contains("not for client authentication");
  }

  @Test
  void withoutACertificateItIsNotThisAuthenticatorsRequest() {
    assertThat(at(T0).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  @Test
  void aRememberedCertificateIsStillCheckedForExpiry() {
    X509Certificate cert = client("bob", List.of(), CA, CA_KEYS);
    VirtualClockHolder clock = new VirtualClockHolder();
    X509Authenticator authenticator = new X509Authenticator(TRUST, clock);
    AuthenticationRequest request = new AuthenticationRequest(Map.of(), List.of(cert), "");
    clock.now = T0.plusSeconds(1);
    assertThat(authenticator.authenticate(request).outcome()).isEqualTo(Outcome.AUTHENTICATED);
    assertThat(authenticator.authenticate(request).outcome()).isEqualTo(Outcome.AUTHENTICATED);
    clock.now = T0.plus(Duration.ofDays(40));
    assertThat(authenticator.authenticate(request).outcome()).isEqualTo(Outcome.REJECTED);
  }

  /** A clock a test sets by hand. */
  static final class VirtualClockHolder implements io.capstan.spi.clock.Clock {
    volatile Instant now = T0;

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public long nanoTime() {
      return now.toEpochMilli() * 1_000_000L;
    }
  }
}
