package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The real kubectl drives a Capstan control plane as it drives Kubernetes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlIT {

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web}
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: nginx
              image: nginx:1.25
      """;

  Path dir;
  ControlPlane plane;
  Kubectl kubectl;

  @BeforeAll
  void start() throws Exception {
    Kubectl.requireKubectl();
    dir = Files.createTempDirectory("capstan-kubectl-it");
    plane = new ControlPlane(dir.resolve("data"), Map.of());
    kubectl = new Kubectl(plane.kubeconfig(), dir);
  }

  @AfterAll
  void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  private Kubectl.Result ok(String... args) throws Exception {
    Kubectl.Result result = kubectl.run(args);
    assertThat(result.exitCode()).as("kubectl %s\n%s", String.join(" ", args), result.all()).isZero();
    return result;
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void versionDiscoveryAndClusterInfo() throws Exception {
    assertThat(ok("version").out()).contains("Server Version: v1.32");
    assertThat(ok("api-versions").out()).contains("apps/v1", "batch/v1", "v1", "rbac.authorization.k8s.io/v1");
    assertThat(ok("api-resources").out()).containsPattern("deployments +deploy +apps/v1 +true +Deployment")
        .containsPattern("namespaces +ns +v1 +false +Namespace");
    assertThat(ok("cluster-info").out()).contains("Kubernetes control plane is running at " + plane.url());
    assertThat(ok("get", "namespaces").out()).contains("default", "kube-system", "kube-public", "kube-node-lease");
    assertThat(ok("explain", "deployment.spec.replicas").out()).contains("KIND:", "Deployment", "replicas", "integer");
    assertThat(ok("explain", "pods.spec.containers").out()).contains("image", "ports");
  }

  @Test
  void getAllListsEveryResourceInTheAllCategory() throws Exception {
    ok("create", "deployment", "everything", "--image=nginx");
    ok("create", "service", "clusterip", "everything", "--tcp=80:8080");
    Kubectl.Result all = ok("get", "all");
    assertThat(all.out()).contains("deployment.apps/everything", "service/everything");
  }

  @Test
  void applyCreatesThenConfiguresThenLeavesUnchanged() throws Exception {
    Path manifest = file("web.yaml", DEPLOYMENT);
    assertThat(ok("apply", "-f", manifest.toString()).out()).contains("deployment.apps/web created");
    Path edited = file("web2.yaml", DEPLOYMENT.replace("replicas: 2", "replicas: 4").replace("nginx:1.25", "nginx:1.26"));
    assertThat(ok("apply", "-f", edited.toString()).out()).contains("deployment.apps/web configured");
    assertThat(ok("apply", "-f", edited.toString()).out()).contains("deployment.apps/web unchanged");
    assertThat(ok("get", "deployment", "web", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}").out())
        .isEqualTo("4 nginx:1.26");
    assertThat(ok("get", "deploy").out()).containsPattern("NAME +READY +UP-TO-DATE +AVAILABLE +AGE").contains("web");
    assertThat(ok("get", "deploy", "-o", "wide").out()).contains("CONTAINERS", "IMAGES", "SELECTOR", "app=web");
    assertThat(ok("get", "deploy", "web", "-o", "yaml").out()).contains("kind: Deployment", "name: web");
    assertThat(ok("scale", "deployment/web", "--replicas=3").out()).contains("deployment.apps/web scaled");
    assertThat(ok("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("3");
    assertThat(ok("describe", "deployment", "web").out()).contains("Name:", "web", "Replicas:", "nginx:1.26");
  }

  @Test
  void labelsAnnotationsPatchesAndSelectors() throws Exception {
    ok("create", "configmap", "settings", "--from-literal=a=1");
    assertThat(ok("label", "configmap", "settings", "tier=fe").out()).contains("configmap/settings labeled");
    assertThat(ok("annotate", "configmap", "settings", "note=hi").out()).contains("configmap/settings annotated");
    assertThat(ok("get", "cm", "-l", "tier=fe", "-o", "name").out().trim()).isEqualTo("configmap/settings");
    assertThat(ok("get", "configmaps", "--field-selector", "metadata.name=settings", "-o", "name").out().trim())
        .isEqualTo("configmap/settings");
    assertThat(ok("patch", "configmap", "settings", "--type=merge", "-p", "{\"data\":{\"b\":\"2\"}}").out()).contains("patched");
    assertThat(ok("patch", "configmap", "settings", "--type=json", "-p", "[{\"op\":\"add\",\"path\":\"/data/c\",\"value\":\"3\"}]").out())
        .contains("patched");
    assertThat(ok("get", "cm", "settings", "-o", "jsonpath={.data}").out()).contains("\"a\":\"1\"", "\"b\":\"2\"", "\"c\":\"3\"");
    assertThat(ok("get", "cm", "-A").out()).containsPattern("NAMESPACE +NAME +DATA +AGE");
  }

  @Test
  void imperativeCreatesSendProtobufBodies() throws Exception {
    assertThat(ok("create", "namespace", "demo").out()).contains("namespace/demo created");
    assertThat(ok("create", "deployment", "api", "--image=nginx", "--replicas=2", "-n", "demo").out())
        .contains("deployment.apps/api created");
    assertThat(ok("create", "job", "once", "--image=busybox", "-n", "demo").out()).contains("job.batch/once created");
    assertThat(ok("get", "deploy", "api", "-n", "demo", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("2");
  }

  @Test
  void errorsReadAsOnKubernetes() throws Exception {
    Kubectl.Result missing = kubectl.run("get", "pods", "nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("Error from server (NotFound): pods \"nope\" not found");
    Path manifest = file("dup.yaml", DEPLOYMENT.replace("name: web", "name: dup"));
    ok("create", "-f", manifest.toString());
    Kubectl.Result again = kubectl.run("create", "-f", manifest.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("Error from server (AlreadyExists)", "deployments.apps \"dup\" already exists");
    Kubectl.Result invalid = kubectl.run("create", "-f", file("bad.yaml", DEPLOYMENT.replace("name: web", "name: bad")
        .replace("replicas: 2", "replicas: -1")).toString());
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).contains("The Deployment \"bad\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    Kubectl.Result unknownField = kubectl.run("create", "-f", file("typo.yaml", DEPLOYMENT.replace("name: web", "name: typo")
        .replace("replicas: 2", "replicaz: 2")).toString());
    assertThat(unknownField.exitCode()).isEqualTo(1);
    assertThat(unknownField.err()).contains("unknown field \"spec.replicaz\"");
  }

  @Test
  void deleteRemovesObjects() throws Exception {
    Path manifest = file("gone.yaml", DEPLOYMENT.replace("name: web", "name: gone"));
    ok("apply", "-f", manifest.toString());
    assertThat(ok("delete", "-f", manifest.toString()).out()).contains("deployment.apps \"gone\" deleted");
    Kubectl.Result after = kubectl.run("get", "deployment", "gone");
    assertThat(after.exitCode()).isEqualTo(1);
  }

  @Test
  void getWatchPrintsChangesAsTheyHappen() throws Exception {
    ok("create", "configmap", "watched", "--from-literal=a=1");
    java.util.concurrent.CompletableFuture<Kubectl.Result> watching = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return kubectl.run("get", "configmaps", "-w", "--request-timeout=6s");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(2000);
    ok("create", "configmap", "arrived", "--from-literal=b=2");
    Kubectl.Result watched = watching.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(watched.out()).containsPattern("NAME +DATA +AGE").contains("watched", "arrived");
  }

  @Test
  void replaceWithAStaleVersionIsAConflictAndOrphanDeleteIsRecorded() throws Exception {
    ok("create", "configmap", "edited", "--from-literal=a=1");
    String stale = ok("get", "configmap", "edited", "-o", "yaml").out();
    ok("patch", "configmap", "edited", "--type=merge", "-p", "{\"data\":{\"a\":\"2\"}}");
    Path file = file("edited.yaml", stale);
    Kubectl.Result conflict = kubectl.run("replace", "-f", file.toString());
    assertThat(conflict.exitCode()).isEqualTo(1);
    assertThat(conflict.err()).contains("Operation cannot be fulfilled on configmaps \"edited\": the object has been modified");
    // Orphan propagation is recorded as the "orphan" finalizer for the garbage collector, which
    // releases the object once its dependents are orphaned (the collector arrives with the
    // controllers); until then the object is marked for deletion.
    ok("create", "configmap", "kept-children", "--from-literal=a=1");
    assertThat(ok("delete", "configmap", "kept-children", "--cascade=orphan", "--wait=false").out()).contains("deleted");
    assertThat(ok("get", "configmap", "kept-children", "-o", "jsonpath={.metadata.finalizers} {.metadata.deletionTimestamp}").out())
        .startsWith("[\"orphan\"] 20");
  }
}
