package io.capstan.runtime.apiserver.services;

import static java.util.Objects.requireNonNull;

/** kube-apiserver's {@code --service-node-port-range}, such as {@code 30000-32767} (both ends included). */
public record NodePortRange(int first, int last) {

  public NodePortRange {
    if (first < 1 || last > 65535 || last < first) {
      throw new IllegalArgumentException("the node port range " + first + "-" + last + " must be within 1-65535, low-high");
    }
  }

  public static NodePortRange parse(String range) {
    String[] ends = requireNonNull(range, "range").trim().split("-");
    try {
      return new NodePortRange(Integer.parseInt(ends[0].trim()), Integer.parseInt(ends[ends.length - 1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the node port range '" + range + "' is not of the form 30000-32767");
    }
  }

  public int size() {
    return last - first + 1;
  }

  /** KEP-3668: {@code min(max(16, size/32), 128)} ports at the bottom, kept for users who ask for one. */
  public int staticBand() {
    return Math.min(Math.max(16, size() / 32), 128);
  }

  public boolean contains(int port) {
    return port >= first && port <= last;
  }

  @Override
  public String toString() {
    return first + "-" + last;
  }
}
