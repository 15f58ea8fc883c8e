package io.capstan.spi.scheduler;

/**
 * What the scheduler knows about one container image on a node, for ImageLocality.
 *
 * @param sizeBytes the image size the node reports in {@code status.images}
 * @param numNodes on how many nodes of the cluster the image is present (its spread)
 */
public record ImageState(long sizeBytes, int numNodes) {

  public ImageState {
    if (sizeBytes < 0 || numNodes < 1) {
      throw new IllegalArgumentException(
          "need sizeBytes >= 0 and numNodes >= 1, got " + sizeBytes + ", " + numNodes);
    }
  }
}
