package sparkprop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * How busy the machine was with other work while the bench measured: from Linux's /proc, the CPU
 * time all processes used minus what this JVM used, as a share of all the CPUs' time (and the time
 * the hypervisor stole). Wall times mean little when this is high; task CPU times mean more.
 * Elsewhere (no /proc) every share is NaN.
 */
final class MachineLoad {
  private final long[] start;

  private MachineLoad(long[] start) {
    this.start = start;
  }

  static MachineLoad start() {
    return new MachineLoad(sample());
  }

  /** Since {@link #start()}: {other processes' share of all CPU time, stolen share}. */
  double[] shares() {
    long[] now = sample();
    if (start == null || now == null) return new double[] {Double.NaN, Double.NaN};
    double total = now[0] - start[0];
    double busy = now[1] - start[1];
    double self = now[2] - start[2];
    double steal = now[3] - start[3];
    if (total <= 0) return new double[] {0, 0};
    return new double[] {Math.max(0, busy - self) / total, steal / total};
  }

  /** Waits, in one-second looks, until other processes use at most {@code maxShare} of the CPUs, or the timeout. */
  static void awaitQuiet(double maxShare, long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      MachineLoad look = start();
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      double other = look.shares()[0];
      if (Double.isNaN(other) || other <= maxShare) return;
    }
  }

  /** {all CPUs' ticks, busy ticks (steal excluded), this process's ticks, stolen ticks}; null without /proc. */
  private static long[] sample() {
    try {
      String[] cpu = Files.readAllLines(Paths.get("/proc/stat"), StandardCharsets.US_ASCII).get(0).trim().split("\\s+");
      long user = Long.parseLong(cpu[1]);
      long nice = Long.parseLong(cpu[2]);
      long system = Long.parseLong(cpu[3]);
      long idle = Long.parseLong(cpu[4]);
      long iowait = Long.parseLong(cpu[5]);
      long irq = Long.parseLong(cpu[6]);
      long softirq = Long.parseLong(cpu[7]);
      long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
      String self = new String(Files.readAllBytes(Paths.get("/proc/self/stat")), StandardCharsets.US_ASCII);
      String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
      long selfTicks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
      long busy = user + nice + system + irq + softirq;
      return new long[] {busy + idle + iowait + steal, busy, selfTicks, steal};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
