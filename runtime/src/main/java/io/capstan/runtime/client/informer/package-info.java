/**
 * The runtime's informers: {@link io.capstan.runtime.client.informer.DefaultInformerFactory} and
 * {@link io.capstan.runtime.client.informer.DefaultSharedInformer}, client-go's
 * {@code tools/cache} shared informers rebuilt on Capstan's {@link io.capstan.spi.clock.TaskExecutor}
 * and {@link io.capstan.spi.client.ResourceClient}.
 *
 * <p>How the parts fit (client-go's names in brackets): the {@code Reflector} [{@code reflector.go}]
 * lists page by page and watches, re-watching from the last resourceVersion and relisting after
 * 410 Gone, with back-off on the clock; the {@code InformerStore} [{@code DeltaFIFO} +
 * {@code HandleDeltas}] applies what it sees to the {@code IndexedCache} [{@code threadSafeMap},
 * {@code index.go}] and turns it into notifications, including {@code finalStateUnknown} deletes
 * after a relist; the {@code EventDispatcher} [{@code sharedProcessor}] delivers them to handlers on
 * one serial sequence per informer. No part owns a thread or sleeps, so the same code runs on the
 * wall-clock pool and, deterministically, on the virtual clock.
 */
package io.capstan.runtime.client.informer;
