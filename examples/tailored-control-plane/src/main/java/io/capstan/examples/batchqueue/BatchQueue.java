package io.capstan.examples.batchqueue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The example kind {@code BatchQueue} ({@code examples.capstan.io/v1}, namespaced): a queue of pods
 * that releases at most {@code spec.maxActive} of them to the scheduler at a time, highest
 * priority first. Pods join a queue with the label {@link #QUEUE_LABEL} and the scheduling gate
 * {@link #GATE}; their priority is the annotation {@link #PRIORITY_ANNOTATION} (default 0).
 *
 * <p>A plain Jackson bean: the API server stores and serves it like any other object, and informers
 * and listers work with it by class. fabric8's {@code HasMetadata} names a deserializer that picks
 * a class by kind; a kind of one's own opts out of it, as fabric8's model classes do.
 */
@JsonDeserialize(using = com.fasterxml.jackson.databind.JsonDeserializer.None.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public final class BatchQueue implements HasMetadata, Namespaced {

  public static final String GROUP = "examples.capstan.io";
  public static final String API_VERSION = GROUP + "/v1";
  public static final String KIND = "BatchQueue";
  /** The label naming the queue a pod waits in. */
  public static final String QUEUE_LABEL = GROUP + "/queue";
  /** The scheduling gate that holds a queued pod back from the scheduler until the queue releases it. */
  public static final String GATE = GROUP + "/batch-queue";
  /** A pod's priority in its queue (an integer; higher first). */
  public static final String PRIORITY_ANNOTATION = GROUP + "/priority";

  private String apiVersion = API_VERSION;
  private String kind = KIND;
  private ObjectMeta metadata = new ObjectMeta();
  private Spec spec = new Spec();
  private Status status;

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  @Override
  public ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  public void setMetadata(ObjectMeta metadata) {
    this.metadata = metadata;
  }

  public Spec getSpec() {
    return spec;
  }

  public void setSpec(Spec spec) {
    this.spec = spec;
  }

  public Status getStatus() {
    return status;
  }

  public void setStatus(Status status) {
    this.status = status;
  }

  /** What the queue allows. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Spec {
    private Integer maxActive;

    /** How many of the queue's pods may be released and not yet finished at once (default 1). */
    public Integer getMaxActive() {
      return maxActive;
    }

    public void setMaxActive(Integer maxActive) {
      this.maxActive = maxActive;
    }
  }

  /** What the queue holds, as its controller last saw it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Status {
    private Integer active;
    private Integer waiting;
    private Integer finished;

    public Integer getActive() {
      return active;
    }

    public void setActive(Integer active) {
      this.active = active;
    }

    public Integer getWaiting() {
      return waiting;
    }

    public void setWaiting(Integer waiting) {
      this.waiting = waiting;
    }

    public Integer getFinished() {
      return finished;
    }

    public void setFinished(Integer finished) {
      this.finished = finished;
    }

    boolean sameAs(Status other) {
      return other != null && java.util.Objects.equals(active, other.active) && java.util.Objects.equals(waiting, other.waiting)
          && java.util.Objects.equals(finished, other.finished);
    }
  }
}
