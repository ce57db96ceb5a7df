package io.switchboard.bench.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and resident memory of a process and its descendants, read from {@code /proc}: the figures that
 * carry across machines, unlike wall-clock throughput on a shared 2-core box.
 */
final class ProcessStats {
  /** USER_HZ; 100 on every Linux we run on ({@code getconf CLK_TCK}). */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessStats() {}

  /** User + system CPU seconds of {@code pid} and every descendant alive now. */
  static double cpuSeconds(long pid) {
    double sum = cpuOf(pid);
    for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
      sum += cpuOf(child.pid());
    }
    return sum;
  }

  /** Resident set size in bytes of {@code pid} and its descendants. */
  static long rssBytes(long pid) {
    long sum = rssOf(pid);
    for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
      sum += rssOf(child.pid());
    }
    return sum;
  }

  private static double cpuOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(f[11]);
      long stime = Long.parseLong(f[12]);
      return (utime + stime) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long rssOf(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
