package io.switchboard.bench.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How much CPU other processes used between {@link #start} and {@link #otherProcessesCores}: the machine's busy time
 * from {@code /proc/stat} (steal included: a hypervisor's other guests are neighbours too) minus this JVM's own CPU
 * time, over the wall time. Linux only; elsewhere it reports 0 (nothing known to be in the way).
 */
final class CpuProbe {
  /** {@code /proc/stat} counts in USER_HZ ticks, 100 a second on every Linux architecture Java runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;
  private final long wall0, busy0, own0;

  private CpuProbe(long wall0, long busy0, long own0) {
    this.wall0 = wall0;
    this.busy0 = busy0;
    this.own0 = own0;
  }

  static CpuProbe start() { return new CpuProbe(System.nanoTime(), busyNanos(), ownNanos()); }

  /** Average number of cores other processes kept busy since {@link #start}; 0 when the OS does not say. */
  double otherProcessesCores() {
    long busy = busyNanos(), own = ownNanos(), wall = System.nanoTime() - wall0;
    if (busy < 0 || busy0 < 0 || wall <= 0) return 0;
    return Math.max(0, (busy - busy0) - (own - own0)) / (double) wall;
  }

  /** All CPUs' non-idle time: user, nice, system, irq, softirq, steal (idle and iowait are not busy). */
  private static long busyNanos() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      if (!f[0].equals("cpu") || f.length < 9) return -1;
      long ticks = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) ticks += Long.parseLong(f[i]);
      return ticks * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long ownNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
