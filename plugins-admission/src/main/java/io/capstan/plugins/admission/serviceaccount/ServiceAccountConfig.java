package io.capstan.plugins.admission.serviceaccount;

/**
 * Settings of the {@code ServiceAccount} admission plugin, under
 * {@code apiserver.admission.ServiceAccount.*}.
 *
 * @param mountServiceAccountToken add Kubernetes' projected {@code kube-api-access-*} volume
 *     (ServiceAccount token, {@code kube-root-ca.crt}, namespace) to pods and mount it at
 *     {@code /var/run/secrets/kubernetes.io/serviceaccount} in every container, unless the pod or
 *     its ServiceAccount sets {@code automountServiceAccountToken: false}. Kubernetes does this by
 *     default; Capstan's default is {@code false} until node runtimes mount volumes and a controller
 *     publishes {@code kube-root-ca.crt} (a node waiting for that config map would hold the pod)
 */
public record ServiceAccountConfig(Boolean mountServiceAccountToken) {

  public ServiceAccountConfig {
    if (mountServiceAccountToken == null) {
      mountServiceAccountToken = false;
    }
  }

  /** Every setting at its default. */
  public static ServiceAccountConfig defaults() {
    return new ServiceAccountConfig(null);
  }
}
