package io.capstan.plugins.controllers.job;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Kubernetes' interval notation of an Indexed Job's completed indexes: {@code "0-2,4,6-7"}. */
final class CompletedIndexes {

  private CompletedIndexes() {}

  static TreeSet<Integer> parse(String text) {
    TreeSet<Integer> out = new TreeSet<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String part : text.split(",")) {
      int dash = part.indexOf('-');
      if (dash < 0) {
        out.add(Integer.parseInt(part.trim()));
      } else {
        int from = Integer.parseInt(part.substring(0, dash).trim());
        int to = Integer.parseInt(part.substring(dash + 1).trim());
        for (int i = from; i <= to; i++) {
          out.add(i);
        }
      }
    }
    return out;
  }

  static String format(TreeSet<Integer> indexes) {
    List<String> parts = new ArrayList<>();
    Integer start = null;
    Integer prev = null;
    for (int i : indexes) {
      if (start == null) {
        start = i;
      } else if (i != prev + 1) {
        parts.add(start.equals(prev) ? "" + start : start + "-" + prev);
        start = i;
      }
      prev = i;
    }
    if (start != null) {
      parts.add(start.equals(prev) ? "" + start : start + "-" + prev);
    }
    return String.join(",", parts);
  }
}
