package io.capstan.runtime.apiserver.watch;

/**
 * Where a watch's events go: an HTTP response stream, an in-process client's handler. Called by
 * the watch cache's delivery thread, so implementations must not block: queue and return.
 */
public interface WatchSink {

  /**
   * Takes one event. Returns false when the sink cannot keep up (its buffer is full); the cache
   * then ends the watch with {@link #end()}, and the client resumes from the last version it saw,
   * as Kubernetes does with slow watchers.
   */
  boolean offer(WatchEventOut event);

  /** The watch is over (cache stopped, watcher too slow, or cancelled). Called at most once. */
  void end();
}
