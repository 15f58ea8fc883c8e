package io.capstan.plugins.store.etcd;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.MethodDescriptor;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adds the two etcd features the Store SPI needs and jetcd 0.8.7 cannot express, by rewriting the
 * request on its way out of the gRPC channel (a client interceptor, so jetcd keeps handling
 * connections, authentication, TLS and retries):
 *
 * <ul>
 *   <li><b>LEASE compares</b> ({@code Compare.CompareTarget.LEASE}, etcd 3.3+): jetcd's generated
 *       {@code Compare} lacks the {@code lease} field (number 8) and target 4. The store builds
 *       such a compare as a VERSION compare on a <em>marked</em> key (a random 32-byte marker of
 *       this store instance before the real key), and the rewriter turns it into target 4 with the
 *       operand as unknown field 8, which protobuf serialises as etcd expects.
 *   <li><b>Lease grants with a chosen id</b>: jetcd's {@code grant} sends no {@code ID}. The store
 *       grants with an out-of-range TTL that encodes a token ({@link #GRANT_FLAG} set); the
 *       rewriter looks the token up and sends the real TTL and id.
 * </ul>
 *
 * <p>Messages without these marks pass unchanged. A real key beginning with the marker would need
 * 256 random bits to collide, and real TTLs stay far below {@link #GRANT_FLAG} (etcd's maximum is
 * 9e9 seconds).
 */
final class EtcdRequestRewriter implements ClientInterceptor {

  /** Set in an encoded TTL; never set in a real one. */
  static final long GRANT_FLAG = 1L << 62;

  private static final int LEASE_TARGET = 4;
  private static final int LEASE_FIELD = 8;
  private static final String TXN = KVGrpc.getTxnMethod().getFullMethodName();
  private static final String GRANT = LeaseGrpc.getLeaseGrantMethod().getFullMethodName();

  private final ByteString marker;
  private final AtomicLong tokens = new AtomicLong();
  private final Map<Long, long[]> grants = new ConcurrentHashMap<>();

  EtcdRequestRewriter() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.marker = ByteString.copyFrom(random);
  }

  /** A compare of {@code key}'s lease id with {@code lease}, for jetcd's {@code Txn.If}. */
  Cmp leaseCompare(ByteSequence key, Cmp.Op op, long lease) {
    return new Cmp(ByteSequence.from(marker.concat(ByteString.copyFrom(key.getBytes()))), op,
        CmpTarget.version(lease));
  }

  /** The TTL to hand to jetcd's {@code grant} so that the request carries {@code id}. */
  long encodeGrant(long ttlSeconds, long id) {
    long token = tokens.incrementAndGet();
    grants.put(token, new long[] {ttlSeconds, id});
    return GRANT_FLAG | token;
  }

  /** Forgets an encoded grant once its call has ended (jetcd may resend it until then). */
  void release(long encodedTtl) {
    grants.remove(encodedTtl & ~GRANT_FLAG);
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method,
      CallOptions options, Channel next) {
    String name = method.getFullMethodName();
    if (!name.equals(TXN) && !name.equals(GRANT)) {
      return next.newCall(method, options);
    }
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      @SuppressWarnings("unchecked")
      public void sendMessage(Q message) {
        Object rewritten = message instanceof TxnRequest txn ? rewrite(txn)
            : message instanceof LeaseGrantRequest grant ? rewrite(grant)
            : message;
        super.sendMessage((Q) rewritten);
      }
    };
  }

  TxnRequest rewrite(TxnRequest txn) {
    TxnRequest.Builder out = null;
    for (int i = 0; i < txn.getCompareCount(); i++) {
      Compare c = txn.getCompare(i);
      if (c.getTarget() == Compare.CompareTarget.VERSION && c.getKey().startsWith(marker)) {
        if (out == null) {
          out = txn.toBuilder();
        }
        Compare lease = c.toBuilder()
            .setKey(c.getKey().substring(marker.size()))
            .clearTargetUnion()
            .setTargetValue(LEASE_TARGET)
            .setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(LEASE_FIELD,
                    UnknownFieldSet.Field.newBuilder().addVarint(c.getVersion()).build())
                .build())
            .build();
        out.setCompare(i, lease);
      }
    }
    return out == null ? txn : out.build();
  }

  LeaseGrantRequest rewrite(LeaseGrantRequest grant) {
    if ((grant.getTTL() & GRANT_FLAG) == 0) {
      return grant;
    }
    long[] ttlAndId = grants.get(grant.getTTL() & ~GRANT_FLAG);
    if (ttlAndId == null) {
      return grant; // unknown token: etcd refuses the huge TTL, which surfaces as an error
    }
    return grant.toBuilder().setTTL(ttlAndId[0]).setID(ttlAndId[1]).build();
  }
}
