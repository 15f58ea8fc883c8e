package io.capstan.spi.store;

/**
 * Receives the responses of one {@link Watch}.
 *
 * <p>Threading: the store calls it on a thread of its own (a delivery thread or its {@link
 * io.capstan.spi.clock.TaskExecutor}), never on the thread that wrote, never concurrently for the
 * same watch, and in revision order, so the listener needs no locking for its own state. Different
 * watches may be served concurrently.
 *
 * <p>It must return quickly and never block (Kubernetes' watch cache and informers only enqueue
 * here): a slow listener delays the other watches sharing its delivery thread and makes its own
 * watch fall behind (see {@link Store#watch} for what happens then). If it throws, the store ends
 * the watch with {@link WatchResponse.Failed} and logs the exception.
 */
@FunctionalInterface
public interface WatchListener {

  void onResponse(WatchResponse response);
}
