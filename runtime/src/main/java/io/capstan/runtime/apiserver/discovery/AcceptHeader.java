package io.capstan.runtime.apiserver.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an {@code Accept} header the way Kubernetes' {@code goautoneg.ParseAccept} does, so that
 * Capstan picks the same representation a real API server would for the same header.
 *
 * <p>The header is split on commas and each clause on semicolons; a clause without a {@code /}
 * other than a bare {@code *} is dropped; a parameter without {@code =} is dropped; {@code q}
 * defaults to 1 and an unparsable {@code q} counts as 0, as Go's {@code ParseFloat} error leaves it.
 * Clauses are ordered by quality (highest first), then concrete types before wildcards; equal
 * clauses keep header order (Go sorts the usual handful of clauses with a stable insertion sort).
 * Stateless.
 */
public final class AcceptHeader {

  private static final Comparator<MediaRange> PREFERENCE = Comparator
      .comparingDouble((MediaRange m) -> -m.quality())
      .thenComparing(m -> m.type().equals("*"))
      .thenComparing(m -> m.subType().equals("*"));

  private AcceptHeader() {}

  /** The clauses of {@code header} (null or blank gives none), most preferred first. */
  public static List<MediaRange> parse(String header) {
    List<MediaRange> out = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return out;
    }
    for (String part : header.split(",")) {
      if (part.isEmpty()) {
        continue;
      }
      String[] pieces = part.split(";", -1);
      String[] typeAndSub = pieces[0].split("/", -1);
      String type = typeAndSub[0].strip();
      String subType;
      if (typeAndSub.length == 1 && type.equals("*")) {
        subType = "*";
      } else if (typeAndSub.length == 2) {
        subType = typeAndSub[1].strip();
      } else {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      double quality = 1.0;
      for (int i = 1; i < pieces.length; i++) {
        int eq = pieces[i].indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = pieces[i].substring(0, eq).strip();
        String value = pieces[i].substring(eq + 1).strip();
        if (key.equals("q")) {
          quality = parseQuality(value);
        } else {
          params.put(key, value);
        }
      }
      out.add(new MediaRange(type, subType, params, quality));
    }
    out.sort(PREFERENCE);
    return out;
  }

  private static double parseQuality(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
