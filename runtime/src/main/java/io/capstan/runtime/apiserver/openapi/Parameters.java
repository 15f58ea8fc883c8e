package io.capstan.runtime.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The parameters Kubernetes 1.32 declares on its operations, inline as it writes them
 * ({@code {"description", "in", "name", "schema": {"type", "uniqueItems": true}}}). kubectl looks for
 * {@code fieldValidation} among the inline parameters of each PATCH operation (kubectl.md §3.3,
 * cli-runtime's {@code supportsQueryParamV3}), so every write operation carries it. Stateless.
 */
final class Parameters {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  static final List<ObjectNode> LIST = List.of(
      query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\"."),
      query("continue", "string", "The continue option should be set when retrieving more results from the server."),
      query("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields. "
          + "Defaults to everything."),
      query("labelSelector", "string", "A selector to restrict the list of returned objects by their labels. "
          + "Defaults to everything."),
      query("limit", "integer", "limit is a maximum number of responses to return for a list call."),
      query("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a request "
          + "may be served from."),
      query("resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is applied to "
          + "list calls."),
      query("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`."),
      query("timeoutSeconds", "integer", "Timeout for the list/watch call."),
      query("watch", "boolean", "Watch for changes to the described resources and return them as a stream of add, "
          + "update, and remove notifications. Specify resourceVersion."));

  private static final ObjectNode DRY_RUN = query("dryRun", "string", "When present, indicates that modifications "
      + "should not be persisted. Valid values are: - All: all dry run stages will be processed");
  private static final ObjectNode FIELD_MANAGER = query("fieldManager", "string", "fieldManager is a name "
      + "associated with the actor or entity that is making these changes.");
  private static final ObjectNode FIELD_VALIDATION = query("fieldValidation", "string", "fieldValidation "
      + "determines how the server should respond to unknown/duplicate fields in the object in the request. Valid "
      + "values are: - Ignore: ignores unknown/duplicate fields. - Warn: responds with a warning for each "
      + "unknown/duplicate field, but successfully serves the request. - Strict: fails the request on "
      + "unknown/duplicate fields.");

  static final List<ObjectNode> WRITE = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION);

  static final List<ObjectNode> PATCH = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION,
      query("force", "boolean", "Force is going to \"force\" Apply requests. It means user will re-acquire "
          + "conflicting fields owned by other people. Force flag must be unset for non-apply patch requests."));

  static final List<ObjectNode> DELETE = List.of(DRY_RUN,
      query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted."),
      query("orphanDependents", "boolean", "Deprecated: please use the PropagationPolicy."),
      query("propagationPolicy", "string", "Whether and how garbage collection will be performed: 'Orphan', "
          + "'Background' or 'Foreground'."));

  static final List<ObjectNode> LOG = List.of(
      query("container", "string", "The container for which to stream logs."),
      query("follow", "boolean", "Follow the log stream of the pod."),
      query("limitBytes", "integer", "If set, the number of bytes to read from the server before terminating."),
      query("previous", "boolean", "Return previous terminated container logs."),
      query("sinceSeconds", "integer", "A relative time in seconds before the current time from which to show "
          + "logs."),
      query("tailLines", "integer", "If set, the number of lines from the end of the logs to show."),
      query("timestamps", "boolean", "If true, add an RFC3339 timestamp at the beginning of every line."));

  static final ObjectNode PRETTY = query("pretty", "string", "If 'true', then the output is pretty printed.");

  private Parameters() {}

  /** The required {@code {name}}/{@code {namespace}} path parameter. */
  static ObjectNode path(String name, String description) {
    ObjectNode p = JSON.objectNode().put("description", description).put("in", "path").put("name", name)
        .put("required", true);
    p.putObject("schema").put("type", "string").put("uniqueItems", true);
    return p;
  }

  private static ObjectNode query(String name, String type, String description) {
    ObjectNode p = JSON.objectNode().put("description", description).put("in", "query").put("name", name);
    p.putObject("schema").put("type", type).put("uniqueItems", true);
    return p;
  }

  /** Appends copies of {@code parameters} to {@code array}. */
  static void addAll(ArrayNode array, List<ObjectNode> parameters) {
    parameters.forEach(p -> array.add(p.deepCopy()));
  }
}
