package io.capstan.runtime.scheduler.framework;

import io.capstan.spi.scheduler.Status;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the PreFilter phase decided: its merged status, the candidate nodes if any plugin narrowed
 * them, and which plugins did (for the "node(s) didn't satisfy plugin(s) [..]" reason).
 */
public record PreFilterOutcome(Status status, Optional<Set<String>> nodeNames, List<String> narrowingPlugins) {}
