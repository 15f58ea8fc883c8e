package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.list;
import static io.capstan.runtime.apiserver.table.Cells.map;
import static io.capstan.runtime.apiserver.table.Cells.str;
import static io.capstan.runtime.apiserver.table.Columns.AGE;
import static io.capstan.runtime.apiserver.table.Columns.NAME;
import static io.capstan.runtime.apiserver.table.Columns.col;
import static io.capstan.runtime.apiserver.table.Columns.wide;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl get pvc} and {@code kubectl get pv}, as Kubernetes' {@code printPersistentVolumeClaim}
 * and {@code printPersistentVolume}: STATUS is the phase or {@code Terminating}, ACCESS MODES read
 * {@code RWO,ROX,RWX,RWOP}, the storage class comes from the beta annotation before
 * {@code storageClassName}. Stateless.
 */
final class StoragePrinters {

  private static final String BETA_CLASS = "volume.beta.kubernetes.io/storage-class";

  private StoragePrinters() {}

  static KindPrinter persistentVolumeClaim() {
    return TypedPrinter.of(PersistentVolumeClaim.class, List.of(NAME,
        col("Status", "string", "phase represents the current phase of PersistentVolumeClaim."),
        col("Volume", "string", "volumeName is the binding reference to the PersistentVolume backing this claim."),
        col("Capacity", "string", "capacity represents the actual resources of the underlying volume."),
        col("Access Modes", "string", "accessModes contains the actual access modes the volume backing the PVC has."),
        col("StorageClass", "string", "StorageClass of the pvc"),
        col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"), AGE,
        wide("VolumeMode", "string", "volumeMode defines what type of volume is required by the claim.")),
        (pvc, now) -> {
          PersistentVolumeClaimSpec spec = pvc.getSpec() == null ? new PersistentVolumeClaimSpec() : pvc.getSpec();
          String phase = pvc.getMetadata().getDeletionTimestamp() != null ? "Terminating"
              : pvc.getStatus() == null ? "" : str(pvc.getStatus().getPhase());
          String capacity = "";
          String modes = "";
          if (!str(spec.getVolumeName()).isEmpty() && pvc.getStatus() != null) {
            modes = accessModes(pvc.getStatus().getAccessModes());
            capacity = Cells.quantity(map(pvc.getStatus().getCapacity()).get("storage"));
          }
          return Columns.cells(pvc.getMetadata().getName(), phase, str(spec.getVolumeName()), capacity, modes,
              storageClass(pvc.getMetadata(), spec.getStorageClassName()),
              unset(spec.getVolumeAttributesClassName()), Ages.since(pvc.getMetadata().getCreationTimestamp(), now),
              unset(spec.getVolumeMode()));
        });
  }

  static KindPrinter persistentVolume() {
    return TypedPrinter.of(PersistentVolume.class, List.of(NAME,
        col("Capacity", "string", "capacity is the description of the persistent volume's resources and capacity."),
        col("Access Modes", "string", "accessModes contains all ways the volume can be mounted."),
        col("Reclaim Policy", "string", "persistentVolumeReclaimPolicy defines what happens to a persistent volume "
            + "when released from its claim."),
        col("Status", "string", "phase indicates if a volume is available, bound to a claim, or released by a "
            + "claim."),
        col("Claim", "string", "claimRef is part of a bi-directional binding between PersistentVolume and "
            + "PersistentVolumeClaim."),
        col("StorageClass", "string", "StorageClass of the pv"),
        col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
        col("Reason", "string", "reason is a brief CamelCase string that describes any failure."), AGE,
        wide("VolumeMode", "string", "volumeMode defines if a volume is intended to be used with a formatted "
            + "filesystem or to remain in raw block state.")), (pv, now) -> {
              PersistentVolumeSpec spec = pv.getSpec() == null ? new PersistentVolumeSpec() : pv.getSpec();
              String claim = spec.getClaimRef() == null ? ""
                  : str(spec.getClaimRef().getNamespace()) + "/" + str(spec.getClaimRef().getName());
              String phase = pv.getMetadata().getDeletionTimestamp() != null ? "Terminating"
                  : pv.getStatus() == null ? "" : str(pv.getStatus().getPhase());
              return Columns.cells(pv.getMetadata().getName(), Cells.quantity(map(spec.getCapacity()).get("storage")),
                  accessModes(spec.getAccessModes()), str(spec.getPersistentVolumeReclaimPolicy()), phase, claim,
                  storageClass(pv.getMetadata(), spec.getStorageClassName()),
                  unset(spec.getVolumeAttributesClassName()),
                  pv.getStatus() == null ? "" : str(pv.getStatus().getReason()),
                  Ages.since(pv.getMetadata().getCreationTimestamp(), now), unset(spec.getVolumeMode()));
            });
  }

  /** {@code GetAccessModesAsString}: {@code RWO,ROX,RWX,RWOP}, in that order, each once. */
  static String accessModes(List<String> modes) {
    List<String> out = new ArrayList<>();
    List<String> given = list(modes);
    String[][] names = {{"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"}, {"ReadWriteMany", "RWX"},
        {"ReadWriteOncePod", "RWOP"}};
    for (String[] n : names) {
      if (given.contains(n[0])) {
        out.add(n[1]);
      }
    }
    return String.join(",", out);
  }

  private static String storageClass(ObjectMeta meta, String storageClassName) {
    String annotated = map(meta.getAnnotations()).get(BETA_CLASS);
    return annotated != null ? annotated : str(storageClassName);
  }

  private static String unset(String value) {
    return value == null ? "<unset>" : value;
  }
}
