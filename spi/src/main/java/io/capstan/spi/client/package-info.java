/**
 * How components talk to the API server: the typed {@link io.capstan.spi.client.ApiClient} for
 * reads and writes (optimistic concurrency, Kubernetes errors as typed
 * {@link io.capstan.spi.client.ApiException}s), and the shared informers
 * ({@link io.capstan.spi.client.InformerFactory}, {@link io.capstan.spi.client.SharedInformer},
 * {@link io.capstan.spi.client.Lister}) that list and watch once per kind per process.
 *
 * <p>Only the API server touches the store; everything else (controllers, scheduler, node agents,
 * proxies, ingress) reads from informer caches, reacts to their events by enqueueing keys, and
 * writes through the client. The runtime binds the implementations: in-process in the all-in-one
 * topology, HTTP in the split topology.
 *
 * <p>Threading rule of thumb: handlers run on dispatch threads and only enqueue; client calls block
 * and belong on worker threads; cached objects are shared and read-only.
 */
package io.capstan.spi.client;
