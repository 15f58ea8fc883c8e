package io.capstan.runtime.research;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.capstan.runtime.CapstanException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads trace CSVs (openb by default) into {@link TraceNode}s and {@link TracePod}s with a {@link
 * CsvMapping} of column names, so other traces with other headers can be fed in.
 */
public final class TraceReader {

  /** A node row: name, CPU milli, memory MiB, GPU count, GPU model. */
  public record TraceNode(String name, long cpuMilli, long memoryMib, int gpus, String model) {}

  /** A pod row; times are seconds from the start of the trace, -1 when absent. */
  public record TracePod(String name, long cpuMilli, long memoryMib, int numGpu, int gpuMilli, String gpuSpec,
      long creationTime, long deletionTime) {
    public long totalGpuMilli() {
      return (long) numGpu * gpuMilli;
    }
  }

  /**
   * Which column holds which field (header names). openb's names are the default; a column absent
   * from the file reads as 0 / empty.
   */
  public record CsvMapping(String nodeName, String nodeCpu, String nodeMemory, String nodeGpus, String nodeModel,
      String podName, String podCpu, String podMemory, String podNumGpu, String podGpuMilli, String podGpuSpec,
      String podCreation, String podDeletion) {
    public static CsvMapping openb() {
      return new CsvMapping("sn", "cpu_milli", "memory_mib", "gpu", "model", "name", "cpu_milli", "memory_mib",
          "num_gpu", "gpu_milli", "gpu_spec", "creation_time", "deletion_time");
    }
  }

  private static final CsvMapper MAPPER = new CsvMapper();

  private TraceReader() {}

  public static List<TraceNode> nodes(Path csv, CsvMapping m) {
    List<TraceNode> out = new ArrayList<>();
    for (Map<String, String> r : rows(csv)) {
      out.add(new TraceNode(required(r, m.nodeName(), csv), num(r, m.nodeCpu(), csv), num(r, m.nodeMemory(), csv),
          (int) num(r, m.nodeGpus(), csv), r.getOrDefault(m.nodeModel(), "")));
    }
    return out;
  }

  public static List<TracePod> pods(Path csv, CsvMapping m) {
    List<TracePod> out = new ArrayList<>();
    for (Map<String, String> r : rows(csv)) {
      int num = (int) num(r, m.podNumGpu(), csv);
      int milli = (int) Math.min(1000, num(r, m.podGpuMilli(), csv));
      out.add(new TracePod(required(r, m.podName(), csv), num(r, m.podCpu(), csv), num(r, m.podMemory(), csv),
          num, num == 0 ? 0 : milli, r.getOrDefault(m.podGpuSpec(), ""), time(r, m.podCreation()),
          time(r, m.podDeletion())));
    }
    return out;
  }

  private static List<Map<String, String>> rows(Path csv) {
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    try (MappingIterator<Map<String, String>> it = MAPPER.readerForMapOf(String.class).with(schema)
        .readValues(csv.toFile())) {
      return it.readAll();
    } catch (IOException | RuntimeException e) {
      throw new CapstanException("cannot read trace " + csv + ": " + e.getMessage(), e);
    }
  }

  private static String required(Map<String, String> r, String column, Path csv) {
    String v = r.get(column);
    if (v == null || v.isBlank()) {
      throw new CapstanException(csv + ": column \"" + column + "\" is missing or empty in row " + r);
    }
    return v;
  }

  private static long num(Map<String, String> r, String column, Path csv) {
    String v = r.get(column);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      return Math.round(Double.parseDouble(v.trim()));
    } catch (NumberFormatException e) {
      throw new CapstanException(csv + ": column \"" + column + "\" is not a number: \"" + v + "\"");
    }
  }

  private static long time(Map<String, String> r, String column) {
    String v = r.get(column);
    if (v == null || v.isBlank()) {
      return -1;
    }
    try {
      return Math.round(Double.parseDouble(v.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
