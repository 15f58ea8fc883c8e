/**
 * {@code kubectl get}'s tables, server side: {@link io.capstan.runtime.apiserver.table.TablePrinter}
 * turns objects into {@code meta.k8s.io/v1} {@link io.capstan.runtime.apiserver.table.Table}s with
 * Kubernetes 1.32's columns and cell formats for the built-in kinds (ported from
 * pkg/printers/internalversion/printers.go), printer columns for plugin kinds, and the default
 * NAME/CREATED AT or NAME/AGE otherwise; {@link io.capstan.runtime.apiserver.table.TableForm}
 * decides from the {@code Accept} header whether a table was asked for. No clock is read: the
 * current time is a parameter.
 */
package io.capstan.runtime.apiserver.table;
