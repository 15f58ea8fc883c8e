package io.capstan.plugins.admission.defaultvalues;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.MutatingAdmissionPlugin;

/**
 * Fills in the fields Kubernetes defaults ({@code SetDefaults_*} in pkg/apis/core/v1/defaults.go,
 * pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go and their siblings, Kubernetes
 * 1.32), so that stored objects look as a real API server would store them: a pod's
 * {@code restartPolicy}, {@code dnsPolicy} and container {@code imagePullPolicy}, a Deployment's
 * replicas and rolling-update strategy, a Service's type and port protocols, and so on.
 *
 * <p>Kubernetes defaults on every decode, so this plugin runs on CREATE and UPDATE alike. It only
 * fills fields that are unset; a value the user gave is never replaced (the one exception is
 * Kubernetes' own: a Namespace's {@code kubernetes.io/metadata.name} label always equals its name).
 * Objects of classes it does not know (plugin kinds, generic objects) pass unchanged. Idempotent,
 * stateless and thread-safe.
 */
public final class DefaultValues implements MutatingAdmissionPlugin {

  /** The plugin's name, as in Kubernetes' list of admission steps. */
  public static final String NAME = "DefaultValues";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(AdmissionOperation operation) {
    return operation == AdmissionOperation.CREATE || operation == AdmissionOperation.UPDATE;
  }

  @Override
  public void admit(AdmissionRequest request) {
    requireNonNull(request, "request");
    request.object().ifPresent(obj -> ObjectDefaults.apply(obj, request.operation()));
  }
}
