package io.switchboard.bench.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  /**
   * CPU seconds of each thread of {@code pid}, summed by thread kind: the name with digits removed
   * ({@code vert.x-eventloop-thread-1} and {@code -0} are one kind), as the kernel keeps it (15 chars).
   */
  static Map<String, Double> cpuSecondsByThread(long pid) {
    Map<String, Double> byKind = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
          byKind.merge(name, cpuOfStat(stat), Double::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended between listing and reading
        }
      }
    } catch (IOException e) {
      return byKind;
    }
    return byKind;
  }

  /** Open file descriptors of {@code pid} (sockets included). */
  static int openFds(long pid) {
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private static double cpuOf(long pid) {
    try {
      return cpuOfStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static double cpuOfStat(String stat) {
    // Fields after the command name, which is in parentheses and may contain spaces.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(f[11]);
    long stime = Long.parseLong(f[12]);
    return (utime + stime) / TICKS_PER_SECOND;
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
