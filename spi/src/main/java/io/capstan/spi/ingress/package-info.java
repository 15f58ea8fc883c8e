/**
 * Ingress controllers: the {@link io.capstan.spi.ingress.IngressController} SPI, fed complete
 * {@link io.capstan.spi.ingress.IngressState}s with backends resolved to endpoints, and the
 * Kubernetes host and path matching rules ({@link io.capstan.spi.ingress.IngressPath#matches},
 * {@link io.capstan.spi.ingress.IngressState#route}) every controller must honour.
 */
package io.capstan.spi.ingress;
