/**
 * The API server's patch engine: pure functions from (live object, request body) to the patched
 * object, over Jackson trees, for the four PATCH content types Kubernetes accepts.
 *
 * <ul>
 *   <li>{@link io.capstan.runtime.apiserver.patch.PatchEngine} is the entry point: RFC 6902 JSON
 *       patch, RFC 7386 merge patch, strategic merge patch, and server-side apply;
 *   <li>{@link io.capstan.runtime.apiserver.patch.PatchSchema} and
 *       {@link io.capstan.runtime.apiserver.patch.PatchSchemas} hold the per-kind list semantics
 *       (merge keys, sets, atomic structs) taken from the {@code patchStrategy} /
 *       {@code patchMergeKey} / {@code listType} tags of {@code k8s.io/api};
 *   <li>{@link io.capstan.runtime.apiserver.patch.PatchException} and
 *       {@link io.capstan.runtime.apiserver.patch.ConflictPatchException} carry the HTTP code,
 *       reason and message Kubernetes answers with, ready to become a {@code Status}.
 * </ul>
 *
 * <p>Nothing here reads a clock, touches a store or mutates its arguments.
 */
package io.capstan.runtime.apiserver.patch;
