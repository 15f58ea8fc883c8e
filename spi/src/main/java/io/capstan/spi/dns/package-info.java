/**
 * Cluster DNS: the {@link io.capstan.spi.dns.ClusterDns} SPI, which answers DNS queries for
 * Services and their endpoints under the cluster zone ({@code cluster.local}), fed one
 * {@link io.capstan.spi.dns.DnsService} per Service by the {@code dns} host from Service and
 * Endpoints informers.
 */
package io.capstan.spi.dns;
