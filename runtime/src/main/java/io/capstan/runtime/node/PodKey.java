package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

/** A pod on a node: the unit of work of the node agents' shared queue. */
record PodKey(String node, String namespace, String name) {

  PodKey {
    requireNonNull(node, "node");
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return node + ":" + namespace + "/" + name;
  }
}
