package io.capstan.plugins.admission.rbac;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.AuthorizationDecision;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.Decision;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ForbiddenException;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' RBAC escalation prevention, as an admission plugin: a user may create or update a
 * Role or ClusterRole only with rules they hold themselves (or with the {@code escalate} verb on
 * it), and a RoleBinding or ClusterRoleBinding only to a role whose rules they hold (or with the
 * {@code bind} verb on it). Setting a ClusterRole's aggregationRule needs every permission.
 * Members of {@code system:masters} always pass. Refusals are 403 with Kubernetes' message
 * ({@code ... is attempting to grant RBAC permissions not currently held: ...}).
 *
 * <p>The rules a user holds come from its own index of the RBAC informers; the {@code escalate} and
 * {@code bind} checks ask the configured authorizer chain, as kube-apiserver does.
 */
public final class RbacEscalation implements ValidatingAdmissionPlugin, Lifecycle {

  public static final String NAME = "RBACEscalation";

  static final String GROUP = "rbac.authorization.k8s.io";
  private static final Logger LOG = LoggerFactory.getLogger(RbacEscalation.class);
  private static final List<PolicyRule> FULL_AUTHORITY = List.of(
      new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build(),
      new PolicyRuleBuilder().withNonResourceURLs("*").withVerbs("*").build());

  private final Provider<InformerFactory> informers;
  private final Provider<List<Authorizer>> authorizers;
  private final RbacPolicyCache cache = new RbacPolicyCache();

  @Inject
  public RbacEscalation(Provider<InformerFactory> informers, Provider<List<Authorizer>> authorizers) {
    this.informers = requireNonNull(informers, "informers");
    this.authorizers = requireNonNull(authorizers, "authorizers");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start() {
    cache.attach(informers.get()); // the host starts the shared informers
  }

  /** True once the RBAC informers this plugin reads have synced. */
  public boolean isReady() {
    return cache.hasSynced();
  }

  RbacPolicyCache cache() {
    return cache;
  }

  @Override
  public boolean handles(AdmissionOperation operation) {
    return operation == AdmissionOperation.CREATE || operation == AdmissionOperation.UPDATE;
  }

  @Override
  public void validate(AdmissionRequest request) {
    if (!GROUP.equals(request.group()) || !request.subresource().isEmpty()
        || request.user().inGroup(UserInfo.GROUP_MASTERS)) {
      return;
    }
    HasMetadata object = request.requireObject();
    if (request.oldObject().isPresent() && onlyGcFieldsChanged(object, request.oldObject().get())) {
      return;
    }
    switch (request.resource()) {
      case "roles", "clusterroles" -> checkRole(request, object);
      case "rolebindings", "clusterrolebindings" -> checkBinding(request, object);
      default -> { }
    }
  }

  private void checkRole(AdmissionRequest request, HasMetadata object) {
    if (authorized(AuthorizationAttributes.resource(request.user(), "escalate", request.namespace(),
        GROUP, "*", request.resource(), "", request.name()))) {
      return;
    }
    boolean namespaced = request.resource().equals("roles");
    List<PolicyRule> rules = namespaced ? as(object, Role.class).getRules()
        : as(object, ClusterRole.class).getRules();
    confirmNoEscalation(request, rules == null ? List.of() : rules);
    if (!namespaced && as(object, ClusterRole.class).getAggregationRule() != null
        && !sameAggregation(as(object, ClusterRole.class), request.oldObject())) {
      List<String> errors = new ArrayList<>();
      List<PolicyRule> held = cache.rulesFor(request.user(), request.namespace(), errors);
      if (!RbacCoverage.uncovered(held, FULL_AUTHORITY).isEmpty()) {
        throw forbidden(request, "must have cluster-admin privileges to use the aggregationRule");
      }
    }
  }

  private void checkBinding(AdmissionRequest request, HasMetadata object) {
    RoleRef ref = request.resource().equals("rolebindings") ? as(object, RoleBinding.class).getRoleRef()
        : as(object, ClusterRoleBinding.class).getRoleRef();
    if (ref == null || ref.getKind() == null || ref.getName() == null) {
      return; // validation reports the missing roleRef
    }
    String resource = switch (ref.getKind()) {
      case "ClusterRole" -> "clusterroles";
      case "Role" -> "roles";
      default -> "";
    };
    if (!resource.isEmpty() && authorized(AuthorizationAttributes.resource(request.user(), "bind",
        request.namespace(), Objects.toString(ref.getApiGroup(), ""), "*", resource, "", ref.getName()))) {
      return;
    }
    Optional<List<PolicyRule>> rules = cache.roleReferenceRules(ref.getKind(), ref.getName(), request.namespace());
    if (rules.isEmpty()) {
      throw forbidden(request, ref.getKind().toLowerCase(java.util.Locale.ROOT) + "." + GROUP
          + " \"" + ref.getName() + "\" not found");
    }
    confirmNoEscalation(request, rules.get());
  }

  private void confirmNoEscalation(AdmissionRequest request, List<PolicyRule> wanted) {
    List<String> errors = new ArrayList<>();
    List<PolicyRule> held = cache.rulesFor(request.user(), request.namespace(), errors);
    List<PolicyRule> missing = RbacCoverage.uncovered(held, wanted);
    if (missing.isEmpty()) {
      return;
    }
    UserInfo user = request.user();
    String message = "user \"" + user.name() + "\" (groups=" + RbacCoverage.quoted(user.groups())
        + ") is attempting to grant RBAC permissions not currently held:\n" + RbacCoverage.describe(missing);
    if (!errors.isEmpty()) {
      message += "; resolution errors: [" + String.join(" ", errors) + "]";
    }
    LOG.info("{} {}/{}: escalation refused for user {}", request.resource(), request.namespace(),
        request.name(), user.name());
    throw forbidden(request, message);
  }

  private boolean authorized(AuthorizationAttributes attributes) {
    for (Authorizer authorizer : authorizers.get()) {
      AuthorizationDecision decision;
      try {
        decision = authorizer.authorize(attributes);
      } catch (RuntimeException e) {
        LOG.warn("authorizer {} failed on an RBAC {} check: {}", authorizer.getClass().getSimpleName(),
            attributes.verb(), e.toString());
        continue;
      }
      if (decision.decision() != Decision.NO_OPINION) {
        return decision.decision() == Decision.ALLOW;
      }
    }
    return false;
  }

  private static boolean sameAggregation(ClusterRole role, Optional<HasMetadata> old) {
    return old.isPresent()
        && Objects.equals(as(old.get(), ClusterRole.class).getAggregationRule(), role.getAggregationRule());
  }

  /** The object as its model class (admission may hand over a generic form). */
  private static <T> T as(HasMetadata object, Class<T> type) {
    return type.isInstance(object) ? type.cast(object) : DeepCopy.copyAs(object, type);
  }

  /** Kubernetes' {@code IsOnlyMutatingGCFields}: only owner references or finalizers changed. */
  static boolean onlyGcFieldsChanged(HasMetadata object, HasMetadata old) {
    HasMetadata a = DeepCopy.of(object);
    HasMetadata b = DeepCopy.of(old);
    for (HasMetadata o : List.of(a, b)) {
      o.getMetadata().setOwnerReferences(null);
      o.getMetadata().setFinalizers(null);
      o.getMetadata().setManagedFields(null);
      o.getMetadata().setResourceVersion(null);
      o.getMetadata().setGeneration(null);
    }
    return a.equals(b);
  }

  private static ForbiddenException forbidden(AdmissionRequest request, String why) {
    String qualified = request.resource() + "." + GROUP;
    return new ForbiddenException(new StatusBuilder().withStatus("Failure")
        .withCode(ForbiddenException.CODE).withReason(ForbiddenException.REASON)
        .withMessage(qualified + " \"" + request.name() + "\" is forbidden: " + why)
        .withNewDetails().withGroup(GROUP).withKind(request.resource()).withName(request.name())
        .endDetails().build());
  }

  @Override
  public void close() {
    // the informers are the host's; nothing of our own to release
  }
}
