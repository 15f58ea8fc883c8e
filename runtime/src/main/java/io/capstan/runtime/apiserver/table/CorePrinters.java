package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.list;
import static io.capstan.runtime.apiserver.table.Cells.map;
import static io.capstan.runtime.apiserver.table.Cells.str;
import static io.capstan.runtime.apiserver.table.Columns.AGE;
import static io.capstan.runtime.apiserver.table.Columns.NAME;
import static io.capstan.runtime.apiserver.table.Columns.col;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The printers of Kubernetes' simple core kinds: {@code printNamespace} (NAME STATUS AGE),
 * {@code printConfigMap} (NAME DATA AGE, counting {@code data} and {@code binaryData}),
 * {@code printSecret} (NAME TYPE DATA AGE), {@code printServiceAccount} (NAME SECRETS AGE) and
 * {@code printResourceQuota} (NAME REQUEST LIMIT AGE, {@code resource: used/hard} pairs in resource
 * name order, {@code limits.*} under LIMIT). Stateless.
 */
final class CorePrinters {

  private CorePrinters() {}

  static KindPrinter namespace() {
    return TypedPrinter.of(Namespace.class, List.of(NAME, col("Status", "string", "The status of the namespace"), AGE),
        (ns, now) -> Columns.cells(ns.getMetadata().getName(), ns.getStatus() == null ? ""
            : str(ns.getStatus().getPhase()), Ages.since(ns.getMetadata().getCreationTimestamp(), now)));
  }

  static KindPrinter configMap() {
    return TypedPrinter.of(ConfigMap.class, List.of(NAME,
        col("Data", "string", "Data contains the configuration data."), AGE),
        (cm, now) -> Columns.cells(cm.getMetadata().getName(),
            (long) (map(cm.getData()).size() + map(cm.getBinaryData()).size()),
            Ages.since(cm.getMetadata().getCreationTimestamp(), now)));
  }

  static KindPrinter secret() {
    return TypedPrinter.of(Secret.class, List.of(NAME,
        col("Type", "string", "Used to facilitate programmatic handling of secret data."),
        col("Data", "string", "Data contains the secret data."), AGE),
        (s, now) -> Columns.cells(s.getMetadata().getName(), str(s.getType()), (long) map(s.getData()).size(),
            Ages.since(s.getMetadata().getCreationTimestamp(), now)));
  }

  static KindPrinter serviceAccount() {
    return TypedPrinter.of(ServiceAccount.class, List.of(NAME,
        col("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods running using "
            + "this ServiceAccount are allowed to use."), AGE),
        (sa, now) -> Columns.cells(sa.getMetadata().getName(), (long) list(sa.getSecrets()).size(),
            Ages.since(sa.getMetadata().getCreationTimestamp(), now)));
  }

  static KindPrinter resourceQuota() {
    return TypedPrinter.of(ResourceQuota.class, List.of(NAME,
        col("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
        col("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use "
            + "independent of contention on the node."), AGE), CorePrinters::quotaCells);
  }

  static List<Object> quotaCells(ResourceQuota quota, Instant now) {
    Map<String, Quantity> hard = quota.getStatus() == null ? Map.of() : map(quota.getStatus().getHard());
    Map<String, Quantity> used = quota.getStatus() == null ? Map.of() : map(quota.getStatus().getUsed());
    StringBuilder request = new StringBuilder();
    StringBuilder limit = new StringBuilder();
    new TreeMap<>(hard).forEach((resource, hardQuantity) -> {
      String[] pieces = resource.split("\\.");
      StringBuilder column = pieces.length > 1 && pieces[0].equals("limits") ? limit : request;
      column.append(resource).append(": ").append(Cells.quantity(used.get(resource))).append('/')
          .append(Cells.quantity(hardQuantity)).append(", ");
    });
    return Columns.cells(quota.getMetadata().getName(), trimComma(request), trimComma(limit),
        Ages.since(quota.getMetadata().getCreationTimestamp(), now));
  }

  private static String trimComma(StringBuilder text) {
    String s = text.toString();
    return s.endsWith(", ") ? s.substring(0, s.length() - 2) : s;
  }
}
