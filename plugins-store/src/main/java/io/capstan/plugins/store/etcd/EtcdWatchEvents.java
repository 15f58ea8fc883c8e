package io.capstan.plugins.store.etcd;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the events of one etcd watch response into Capstan {@link WatchResponse.Events}, one per
 * revision. etcd puts all events of a revision into the same response (its "atomic" guarantee) but
 * may pack several revisions into one; the SPI wants exactly one revision per response.
 */
final class EtcdWatchEvents {

  private final EtcdKeys keys;
  private final WatchRequest request;

  EtcdWatchEvents(EtcdKeys keys, WatchRequest request) {
    this.keys = requireNonNull(keys, "keys");
    this.request = requireNonNull(request, "request");
  }

  /** The events grouped by revision, in etcd's order, without those the request filters out. */
  List<WatchResponse.Events> group(List<io.etcd.jetcd.watch.WatchEvent> events) {
    List<WatchResponse.Events> out = new ArrayList<>();
    List<WatchEvent> batch = new ArrayList<>();
    long revision = -1;
    for (io.etcd.jetcd.watch.WatchEvent e : events) {
      WatchEvent event = convert(e);
      if (event == null || !request.accepts(event)) {
        continue;
      }
      if (event.revision() != revision && !batch.isEmpty()) {
        out.add(new WatchResponse.Events(revision, batch));
        batch = new ArrayList<>();
      }
      revision = event.revision();
      batch.add(event);
    }
    if (!batch.isEmpty()) {
      out.add(new WatchResponse.Events(revision, batch));
    }
    return out;
  }

  private WatchEvent convert(io.etcd.jetcd.watch.WatchEvent e) {
    io.etcd.jetcd.KeyValue kv = e.getKeyValue();
    WatchEvent event = switch (e.getEventType()) {
      case PUT -> WatchEvent.put(keys.entry(kv));
      case DELETE -> WatchEvent.delete(keys.strip(kv.getKey()),
          EtcdRevisions.fromEtcd(kv.getModRevision()));
      default -> null; // a type newer than this client: nothing the SPI could say about it
    };
    if (event == null || !request.prevKv()) {
      return event;
    }
    Optional<KeyValue> previous = keys.previous(e.getPrevKV());
    return previous.map(event::withPrevKv).orElse(event);
  }
}
