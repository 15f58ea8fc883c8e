package io.capstan.plugins.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.op.Cmp;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two rewrites jetcd needs for the SPI: LEASE compares and lease grants with an id. */
class EtcdRequestRewriterTest {

  private final EtcdRequestRewriter rewriter = new EtcdRequestRewriter();

  /** jetcd's own conversion of a Cmp into the wire Compare (package-private there). */
  private static Compare wire(Cmp cmp) throws Exception {
    Method toCompare = Cmp.class.getDeclaredMethod("toCompare", ByteSequence.class);
    toCompare.setAccessible(true);
    return (Compare) toCompare.invoke(cmp, ByteSequence.EMPTY);
  }

  @Test
  void aMarkedCompareBecomesALeaseCompareOnTheRealKey() throws Exception {
    ByteSequence key = ByteSequence.from("/p/k", StandardCharsets.UTF_8);
    Compare marked = wire(rewriter.leaseCompare(key, Cmp.Op.GREATER, 77));
    Compare plain = wire(new Cmp(key, Cmp.Op.EQUAL, io.etcd.jetcd.op.CmpTarget.version(3)));
    TxnRequest out = rewriter.rewrite(
        TxnRequest.newBuilder().addCompare(plain).addCompare(marked).build());

    assertThat(out.getCompare(0)).as("other compares pass unchanged").isEqualTo(plain);
    Compare lease = out.getCompare(1);
    assertThat(lease.getKey().toStringUtf8()).isEqualTo("/p/k");
    assertThat(lease.getTargetValue()).as("etcd's CompareTarget.LEASE").isEqualTo(4);
    assertThat(lease.getResult()).isEqualTo(Compare.CompareResult.GREATER);
    assertThat(leaseField(lease.toByteString())).as("field 8, lease").isEqualTo(77);
  }

  @Test
  void anUnmarkedTxnIsLeftAlone() {
    TxnRequest txn = TxnRequest.newBuilder().build();
    assertThat(rewriter.rewrite(txn)).isSameAs(txn);
  }

  @Test
  void anEncodedGrantCarriesTheChosenIdUntilReleased() {
    long encoded = rewriter.encodeGrant(30, 4242);
    assertThat(encoded & EtcdRequestRewriter.GRANT_FLAG).isNotZero();
    LeaseGrantRequest out = rewriter.rewrite(LeaseGrantRequest.newBuilder().setTTL(encoded).build());
    assertThat(out.getTTL()).isEqualTo(30);
    assertThat(out.getID()).isEqualTo(4242);

    LeaseGrantRequest plain = LeaseGrantRequest.newBuilder().setTTL(30).build();
    assertThat(rewriter.rewrite(plain)).isSameAs(plain);

    rewriter.release(encoded);
    assertThat(rewriter.rewrite(LeaseGrantRequest.newBuilder().setTTL(encoded).build()).getTTL())
        .as("after release the huge TTL goes out and etcd refuses it").isEqualTo(encoded);
  }

  /** Reads field 8 (varint) from a serialized Compare, as etcd would. */
  private static long leaseField(ByteString bytes) throws Exception {
    CodedInputStream in = bytes.newCodedInput();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == (8 << 3)) {
        return in.readInt64();
      }
      in.skipField(tag);
    }
    throw new AssertionError("no field 8 in " + bytes);
  }
}
