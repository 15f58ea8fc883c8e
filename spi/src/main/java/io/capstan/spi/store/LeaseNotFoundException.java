package io.capstan.spi.store;

/**
 * The lease does not exist: never granted, revoked, or expired. Thrown by keep-alive and revoke,
 * and by a transaction whose put names such a lease (then nothing in the transaction is applied).
 */
public final class LeaseNotFoundException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final long leaseId;

  public LeaseNotFoundException(long leaseId) {
    super("lease " + leaseId + " not found (never granted, revoked or expired)");
    this.leaseId = leaseId;
  }

  public long leaseId() {
    return leaseId;
  }
}
