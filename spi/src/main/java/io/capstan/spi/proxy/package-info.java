/**
 * Service proxies: the {@link io.capstan.spi.proxy.ServiceProxy} SPI, driven by full,
 * debounced {@link io.capstan.spi.proxy.ProxyState} snapshots (service ports and their endpoints)
 * built by the host from Service and EndpointSlice informers.
 */
package io.capstan.spi.proxy;
