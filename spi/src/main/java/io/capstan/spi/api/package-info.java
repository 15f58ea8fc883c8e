/**
 * The object model around fabric8's Kubernetes classes: exact {@link io.capstan.spi.api.Quantities
 * quantities}, {@link io.capstan.spi.api.LabelSelectorSpec label} and
 * {@link io.capstan.spi.api.FieldSelectorSpec field} selectors, {@link io.capstan.spi.api.ObjectKey
 * object keys}, {@link io.capstan.spi.api.OwnerReferences owner references}, the shared
 * {@link io.capstan.spi.api.KubeJson JSON settings} and {@link io.capstan.spi.api.DeepCopy deep
 * copies}, and the registry of kinds ({@link io.capstan.spi.api.ResourceKind},
 * {@link io.capstan.spi.api.KindRegistry}, {@link io.capstan.spi.api.BuiltInKinds}, and the
 * {@link io.capstan.spi.api.ResourceKindFactory} SPI through which plugins add kinds).
 */
package io.capstan.spi.api;
