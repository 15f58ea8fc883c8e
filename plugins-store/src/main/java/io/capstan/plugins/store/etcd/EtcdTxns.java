package io.capstan.plugins.store.etcd;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.Compare;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.OpResult;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Txn;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Maps Capstan transactions and reads onto jetcd and the answers back.
 *
 * <p>jetcd hands a transaction's per-op results back sorted into three lists (puts, deletes,
 * gets), each in request order; walking the branch's ops and taking the next result of the
 * matching kind restores the SPI's one-result-per-op order.
 */
final class EtcdTxns {

  private final EtcdKeys keys;
  private final EtcdRequestRewriter rewriter;

  EtcdTxns(EtcdKeys keys, EtcdRequestRewriter rewriter) {
    this.keys = requireNonNull(keys, "keys");
    this.rewriter = requireNonNull(rewriter, "rewriter");
  }

  CompletableFuture<TxnResponse> commit(KV kv, TxnRequest request) {
    Txn txn = kv.txn()
        .If(request.compares().stream().map(this::cmp).toArray(Cmp[]::new))
        .Then(request.success().stream().map(this::op).toArray(io.etcd.jetcd.op.Op[]::new))
        .Else(request.failure().stream().map(this::op).toArray(io.etcd.jetcd.op.Op[]::new));
    return txn.commit();
  }

  TxnResult result(TxnRequest request, TxnResponse response) {
    long revision = EtcdRevisions.fromEtcd(response.getHeader().getRevision());
    List<Op> branch = response.isSucceeded() ? request.success() : request.failure();
    Iterator<PutResponse> puts = response.getPutResponses().iterator();
    Iterator<DeleteResponse> deletes = response.getDeleteResponses().iterator();
    Iterator<GetResponse> gets = response.getGetResponses().iterator();
    List<OpResult> results = new ArrayList<>(branch.size());
    for (Op op : branch) {
      if (op instanceof Op.Put put) {
        PutResponse r = puts.next();
        results.add(new OpResult.Put(put.prevKv() && r.hasPrevKv()
            ? keys.previous(r.getPrevKv()) : Optional.empty()));
      } else if (op instanceof Op.Delete delete) {
        DeleteResponse r = deletes.next();
        List<KeyValue> prev = delete.prevKv()
            ? r.getPrevKvs().stream().map(keys::entry).toList() : List.of();
        results.add(new OpResult.Delete(r.getDeleted(), prev));
      } else {
        results.add(rangeResult(gets.next(), revision));
      }
    }
    return new TxnResult(response.isSucceeded(), results, revision);
  }

  /** A read's answer; {@code revision} is the one the read was served at. */
  RangeResult rangeResult(GetResponse response, long revision) {
    return new RangeResult(response.getKvs().stream().map(keys::entry).toList(),
        response.isMore(), response.getCount(), revision);
  }

  GetOption getOption(RangeRequest request, EtcdKeys.EtcdRange range) {
    return GetOption.builder()
        .withRange(range.end())
        .withRevision(EtcdRevisions.toEtcd(request.revision()))
        .withLimit(request.limit())
        .withKeysOnly(request.keysOnly())
        .withCountOnly(request.countOnly())
        .build();
  }

  /** The lease a transaction's puts name, for the message of a lease-not-found error. */
  static long leaseOf(TxnRequest request) {
    return Stream.concat(request.success().stream(), request.failure().stream())
        .filter(Op.Put.class::isInstance)
        .mapToLong(op -> ((Op.Put) op).lease())
        .filter(lease -> lease != KeyValue.NO_LEASE)
        .findFirst()
        .orElse(KeyValue.NO_LEASE);
  }

  private io.etcd.jetcd.op.Op op(Op op) {
    if (op instanceof Op.Put put) {
      PutOption.Builder option = PutOption.builder().withLeaseId(put.lease());
      if (put.prevKv()) {
        option.withPrevKV();
      }
      return io.etcd.jetcd.op.Op.put(keys.key(put.key()), EtcdKeys.bytes(put.value()),
          option.build());
    }
    if (op instanceof Op.Delete delete) {
      EtcdKeys.EtcdRange range = keys.range(delete.range());
      return io.etcd.jetcd.op.Op.delete(range.key(), DeleteOption.builder()
          .withRange(range.end())
          .withPrevKV(delete.prevKv())
          .build());
    }
    RangeRequest read = ((Op.Range) op).request();
    EtcdKeys.EtcdRange range = keys.range(read.range());
    return io.etcd.jetcd.op.Op.get(range.key(), getOption(read, range));
  }

  private Cmp cmp(Compare compare) {
    Cmp.Op op = switch (compare.operator()) {
      case EQUAL -> Cmp.Op.EQUAL;
      case NOT_EQUAL -> Cmp.Op.NOT_EQUAL;
      case GREATER -> Cmp.Op.GREATER;
      case LESS -> Cmp.Op.LESS;
    };
    var key = keys.key(compare.key());
    return switch (compare.target()) {
      case VERSION -> new Cmp(key, op, CmpTarget.version(compare.number()));
      case CREATE -> new Cmp(key, op,
          CmpTarget.createRevision(EtcdRevisions.compareOperand(compare.number())));
      case MOD -> new Cmp(key, op,
          CmpTarget.modRevision(EtcdRevisions.compareOperand(compare.number())));
      case VALUE -> new Cmp(key, op, CmpTarget.value(EtcdKeys.bytes(compare.value())));
      case LEASE -> rewriter.leaseCompare(key, op, compare.number());
    };
  }
}
