/**
 * TLS for the ingress controllers ({@code builtin} and {@code nginx}): parsing the PEM of a
 * Secret's {@code tls.crt}/{@code tls.key} ({@link ServedCertificate}), the default self-signed
 * certificate served when no Secret applies ({@link FakeCertificate}, as ingress-nginx's), and which
 * certificate each host gets ({@link CertificateSelection}). Not a plugin: a helper both share.
 */
package io.capstan.plugins.ingress.tls;
