package io.capstan.spi.controller;

import java.util.List;

/**
 * The names of the default controllers: the names kube-controller-manager accepts in
 * {@code --controllers} (its short historical names, which it still accepts as aliases), so a
 * Kubernetes operator recognises {@code controllers.enabled} at once.
 */
public final class ControllerNames {

  public static final String DEPLOYMENT = "deployment";
  public static final String REPLICASET = "replicaset";
  public static final String REPLICATIONCONTROLLER = "replicationcontroller";
  public static final String STATEFULSET = "statefulset";
  public static final String DAEMONSET = "daemonset";
  public static final String JOB = "job";
  public static final String CRONJOB = "cronjob";
  public static final String NAMESPACE = "namespace";
  public static final String NODE_LIFECYCLE = "nodelifecycle";
  public static final String ENDPOINT = "endpoint";
  public static final String ENDPOINTSLICE = "endpointslice";
  public static final String SERVICEACCOUNT = "serviceaccount";
  public static final String GARBAGE_COLLECTOR = "garbagecollector";

  /** Every default controller, in the order the controller manager starts them. */
  public static final List<String> DEFAULTS = List.of(
      NAMESPACE, SERVICEACCOUNT, GARBAGE_COLLECTOR, NODE_LIFECYCLE, ENDPOINT, ENDPOINTSLICE,
      REPLICATIONCONTROLLER, REPLICASET, DEPLOYMENT, STATEFULSET, DAEMONSET, JOB, CRONJOB);

  private ControllerNames() {}
}
