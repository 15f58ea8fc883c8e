package io.capstan.plugins.admission.serviceaccount;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.MutatingAdmissionPlugin;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.plugins.admission.informed.InformedReads;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Kubernetes' ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount, Kubernetes
 * 1.32), for pod creates: a pod without {@code spec.serviceAccountName} gets {@code default}; the
 * ServiceAccount it names must exist in its namespace, else 403
 * {@code error looking up service account NS/NAME: serviceaccount "NAME" not found}; a pod without
 * image pull secrets takes the ServiceAccount's. Mirror pods (annotation
 * {@code kubernetes.io/config.mirror}) are left alone and may not name a ServiceAccount.
 *
 * <p>As in Kubernetes, the {@code default} ServiceAccount is looked up a few times before giving
 * up (the ServiceAccount controller creates it right after its namespace). With
 * {@code mountServiceAccountToken: true} pods also get Kubernetes' projected token volume
 * ({@link TokenVolume}); off by default, see {@link ServiceAccountConfig}. ServiceAccounts are read
 * from the API server's shared informer when it has them, else live ({@link InformedReads}).
 */
public final class ServiceAccount implements MutatingAdmissionPlugin, ValidatingAdmissionPlugin, Lifecycle {

  public static final String NAME = "ServiceAccount";
  /** The ServiceAccount pods get when they name none. */
  public static final String DEFAULT = "default";
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
  /** Lookups of {@code default} before giving up, and the pause between them (Kubernetes: 10, 100-200ms). */
  static final int DEFAULT_ATTEMPTS = 10;
  private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final InformedReads<io.fabric8.kubernetes.api.model.ServiceAccount> accounts;
  private final ServiceAccountConfig config;
  private final Optional<Provider<InformerFactory>> informers;

  @Inject
  public ServiceAccount(Provider<ApiClient> client, ServiceAccountConfig config, Provider<InformerFactory> informers) {
    this(client, config, Optional.of(informers));
  }

  /** Reading live on every request, without an informer. */
  public ServiceAccount(Provider<ApiClient> client, ServiceAccountConfig config) {
    this(client, config, Optional.empty());
  }

  /** With the default settings, reading live. */
  public ServiceAccount(Provider<ApiClient> client) {
    this(client, ServiceAccountConfig.defaults());
  }

  private ServiceAccount(Provider<ApiClient> client, ServiceAccountConfig config, Optional<Provider<InformerFactory>> informers) {
    this.accounts = new InformedReads<>(io.fabric8.kubernetes.api.model.ServiceAccount.class, client);
    this.config = requireNonNull(config, "config");
    this.informers = informers;
  }

  @Override
  public void start() {
    informers.ifPresent(factory -> accounts.attach(factory.get())); // the host starts the informers
  }

  @Override
  public void close() {
    // the informers are the host's
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(AdmissionOperation operation) {
    return operation == AdmissionOperation.CREATE;
  }

  @Override
  public void admit(AdmissionRequest request) {
    Optional<Pod> pod = pod(request);
    if (pod.isEmpty()) {
      return;
    }
    PodSpec spec = pod.get().getSpec();
    if (isMirror(pod.get())) {
      if (spec.getServiceAccountName() != null && !spec.getServiceAccountName().isEmpty()) {
        throw AdmissionException.forbidden(NAME, "a mirror pod may not reference service accounts");
      }
      return;
    }
    if (spec.getServiceAccountName() == null || spec.getServiceAccountName().isEmpty()) {
      String deprecated = spec.getServiceAccount();
      spec.setServiceAccountName(deprecated == null || deprecated.isEmpty() ? DEFAULT : deprecated);
    }
    boolean wantsPullSecrets = spec.getImagePullSecrets() == null || spec.getImagePullSecrets().isEmpty();
    if (!wantsPullSecrets && !config.mountServiceAccountToken()) {
      return;
    }
    Optional<io.fabric8.kubernetes.api.model.ServiceAccount> account = lookup(request.namespace(), spec.getServiceAccountName(), 1);
    if (wantsPullSecrets) {
      account.filter(sa -> sa.getImagePullSecrets() != null && !sa.getImagePullSecrets().isEmpty())
          .ifPresent(sa -> spec.setImagePullSecrets(copy(sa.getImagePullSecrets())));
    }
    if (config.mountServiceAccountToken() && automount(spec, account)) {
      TokenVolume.mount(spec);
    }
  }

  /** The pod's {@code automountServiceAccountToken}, else its account's, else true. */
  private static boolean automount(PodSpec spec, Optional<io.fabric8.kubernetes.api.model.ServiceAccount> account) {
    if (spec.getAutomountServiceAccountToken() != null) {
      return spec.getAutomountServiceAccountToken();
    }
    return account.map(io.fabric8.kubernetes.api.model.ServiceAccount::getAutomountServiceAccountToken).orElse(true) != Boolean.FALSE;
  }

  @Override
  public void validate(AdmissionRequest request) {
    Optional<Pod> pod = pod(request);
    if (pod.isEmpty() || isMirror(pod.get())) {
      return;
    }
    String account = pod.get().getSpec().getServiceAccountName();
    if (account == null || account.isEmpty()) {
      return; // only when this plugin's admit did not run (configured as validating elsewhere)
    }
    int attempts = DEFAULT.equals(account) ? DEFAULT_ATTEMPTS : 1;
    if (lookup(request.namespace(), account, attempts).isEmpty()) {
      throw AdmissionException.forbidden(NAME, "error looking up service account " + request.namespace() + "/" + account
          + ": serviceaccount \"" + account + "\" not found");
    }
  }

  /** The pull secrets of a (shared, cached) ServiceAccount as new objects the pod may own. */
  private static java.util.List<LocalObjectReference> copy(java.util.List<LocalObjectReference> secrets) {
    java.util.List<LocalObjectReference> out = new ArrayList<>(secrets.size());
    secrets.forEach(ref -> out.add(new LocalObjectReference(ref.getName())));
    return out;
  }

  private Optional<io.fabric8.kubernetes.api.model.ServiceAccount> lookup(String namespace, String name, int attempts) {
    for (int i = 0; i < attempts; i++) {
      if (i > 0) {
        LockSupport.parkNanos(PAUSE_NANOS);
      }
      Optional<io.fabric8.kubernetes.api.model.ServiceAccount> found = i == 0 ? accounts.get(namespace, name) : accounts.live(namespace, name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<Pod> pod(AdmissionRequest request) {
    if (!request.group().isEmpty() || !request.kind().equals("Pod") || !request.subresource().isEmpty()
        || !(request.requireObject() instanceof Pod pod) || pod.getSpec() == null) {
      return Optional.empty();
    }
    return Optional.of(pod);
  }

  static boolean isMirror(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(MIRROR_ANNOTATION);
  }
}
