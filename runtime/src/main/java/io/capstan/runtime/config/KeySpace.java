package io.capstan.runtime.config;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The set of configuration keys Capstan understands: leaf keys from the defaults file and from the
 * discovered plugins' config records, plus "open" prefixes under which any key is accepted (a
 * plugin's map-valued setting). Unknown keys stop start-up with the nearest known key as a hint.
 */
public final class KeySpace {

  private final Set<String> leaves;
  private final Set<String> openPrefixes;
  private final Map<String, String> keyByEnvName;

  private KeySpace(Set<String> leaves, Set<String> openPrefixes) {
    this.leaves = leaves;
    this.openPrefixes = openPrefixes;
    Map<String, String> env = new LinkedHashMap<>();
    for (String key : leaves) {
      env.put(envName(key), key);
    }
    this.keyByEnvName = env;
  }

  public static KeySpace of(Collection<String> leaves, Collection<String> openPrefixes) {
    return new KeySpace(new TreeSet<>(leaves), new TreeSet<>(openPrefixes));
  }

  public KeySpace plus(Collection<String> moreLeaves, Collection<String> moreOpenPrefixes) {
    TreeSet<String> l = new TreeSet<>(leaves);
    l.addAll(moreLeaves);
    TreeSet<String> o = new TreeSet<>(openPrefixes);
    o.addAll(moreOpenPrefixes);
    return new KeySpace(l, o);
  }

  public Set<String> leaves() {
    return leaves;
  }

  public boolean isKnown(String key) {
    if (leaves.contains(key)) {
      return true;
    }
    return openPrefixes.stream().anyMatch(p -> key.startsWith(p + "."));
  }

  /** The known key an environment variable such as {@code CAPSTAN_STORE_PLUGIN} stands for. */
  public Optional<String> keyForEnv(String envVariable) {
    return Optional.ofNullable(keyByEnvName.get(envVariable));
  }

  /** The known key closest to a misspelt one, by edit distance, if any is reasonably close. */
  public Optional<String> nearest(String key) {
    requireNonNull(key, "key");
    return leaves.stream()
        .min(Comparator.comparingInt((String k) -> EditDistance.between(key, k)).thenComparing(k -> k))
        .filter(k -> EditDistance.between(key, k) <= Math.max(3, key.length() / 2));
  }

  /** The nearest environment variable to an unknown {@code CAPSTAN_*} name. */
  public Optional<String> nearestEnv(String envVariable) {
    return keyByEnvName.keySet().stream()
        .min(Comparator.comparingInt((String e) -> EditDistance.between(envVariable, e)).thenComparing(e -> e))
        .filter(e -> EditDistance.between(envVariable, e) <= Math.max(3, envVariable.length() / 3));
  }

  /**
   * The environment variable that sets a key: {@code CAPSTAN_} followed by the key in upper snake
   * case, with dots and dashes as underscores and camelCase split ({@code runtime.pluginsDir} is
   * {@code CAPSTAN_RUNTIME_PLUGINS_DIR}).
   */
  public static String envName(String key) {
    StringBuilder out = new StringBuilder("CAPSTAN_");
    char previous = '.';
    for (char c : key.toCharArray()) {
      if (c == '.' || c == '-') {
        out.append('_');
      } else if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
      previous = c;
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
