package sparkprop.bench;

import java.util.Locale;
import sparkprop.nn.Precision;

/** The bench run for people: the tables printed to stdout. */
final class BenchTable {
  private BenchTable() {}

  static String render(BenchReport r) {
    StringBuilder b = new StringBuilder();
    b.append(f("sparkprop bench: %d rows x %d (%s), MLP %s, %d partitions, block %d rows%n",
        r.rows, r.inputs, r.data, r.network, r.partitions, r.blockRows));
    b.append(f("  Spark %s %s (%d task slots); BLAS %s; OPENBLAS_NUM_THREADS=%s (tasks: %s)%s%n",
        r.sparkVersion, r.sparkMaster, r.taskSlots, r.blasInfo != null ? r.blasInfo.describe() : r.blas + " ("
            + r.blasLibrary + ")", r.openblasThreads,
        r.taskOpenblasThreads, r.openblasCoretype == null ? "" : ", OPENBLAS_CORETYPE=" + r.openblasCoretype));
    b.append(f("  CPU %s, %d cores, %.1f GiB; JVM heap %.1f GiB, storage memory %.1f GiB%n",
        r.cpuModel, r.cores, r.memoryBytes / GIB, r.maxHeapBytes / GIB, r.storageMemoryBytes / GIB));
    if (!r.otherLoad.isEmpty()) {
      b.append(f("  other processes' share of the CPUs, per section: overall / busiest kept round / rounds rerun"
          + " (a round over %.0f%% is rerun)%n   ", 100 * r.maxOtherLoad));
      for (java.util.Map.Entry<String, double[]> e : r.otherLoad.entrySet()) {
        double[] v = e.getValue();
        b.append(f(" %s %.0f%%/%.0f%%/%d;", e.getKey(), 100 * v[0], 100 * v[2], (int) v[3]));
      }
      b.append('\n');
    }
    b.append('\n');

    if (!r.main.isEmpty()) {
      b.append(f("gradient pass over %d cached rows, %s (%d passes after %d warm-up; GEMM probe: %d tasks at once)%n",
          r.rows, r.network, r.passes, r.warmup, r.main.get(0).gemmTasks));
      passTable(b, r.main);
    }
    if (r.screenPass != null) {
      ScreenPassCost.Result s = r.screenPass;
      b.append(f("screen: a round's placed passes (%d replicas, float64, x.g off) %.1f ms against one pass %.1f ms:"
          + " %.2fx (bound 2.2 x replicas = %.1fx%s)%n%n", s.replicas(), ms(s.placedSeconds().median()),
          ms(s.passSeconds().median()), s.ratio(), s.bound(), s.ratio() <= s.bound() ? "" : ", EXCEEDED"));
    }
    if (!r.deep.isEmpty()) {
      b.append(f("gradient pass over %d cached rows, %s, kaiming (%d passes after %d warm-up, its own GEMM probe)%n",
          r.rows, r.deepNetwork, r.passes, r.warmup));
      passTable(b, r.deep);
    }
    if (r.mllib != null) {
      MllibMlp.Result m = r.mllib;
      b.append(f("MLlib MultilayerPerceptronClassifier %d-%d-%d, solver gd, blockSize %d, same rows/partitions/session:%n",
          m.layers[0], m.layers[1], m.layers[2], m.blockSize));
      b.append(f("  %.1f ms per iteration (median of %d; min-max %s ms; task CPU %.1f ms); (fit(%d) - fit(1)) / %d = %.1f ms%n",
          ms(m.secondsPerIteration.median()), m.secondsPerIteration.count(),
          range(ms(m.secondsPerIteration.min()), ms(m.secondsPerIteration.max())), ms(m.cpuSecondsPerIteration.median()),
          m.iterations + 1, m.iterations, ms(m.differenceSecondsPerIteration)));
      b.append(f("  %-22s %10s %10s%n", "MLlib / sparkprop", "wall", "task CPU"));
      for (BenchReport.Pass p : r.main) {
        b.append(f("  %-22s %9.2fx %9.2fx%n", p.precision.label() + " x.g " + (p.inputGradient ? "on" : "off"),
            m.secondsPerIteration.median() / p.seconds.median(),
            m.cpuSecondsPerIteration.median() / p.cpuSeconds.median()));
      }
      b.append('\n');
    }

    RaceTable.race(b, r);

    b.append(f("bench took %.0f s%n", r.totalSeconds));
    return b.toString();
  }

  /** One line per precision and x.g, then float32's speed-up. */
  static void passTable(StringBuilder b, java.util.List<BenchReport.Pass> passes) {
    b.append(f("%-9s %-4s %10s %19s %11s %9s %25s %10s %9s%n", "precision", "x.g", "median ms", "min-max ms",
        "task CPU ms", "GFLOP/s", "GEMM GFLOP/s (min-max)", "pass/GEMM", "(in CPU)"));
    for (BenchReport.Pass p : passes) {
      b.append(f("%-9s %-4s %10.1f %19s %11.1f %9.1f %25s %10.2f %9.2f%n", p.precision.label(),
          p.inputGradient ? "on" : "off", ms(p.seconds.median()), range(ms(p.seconds.min()), ms(p.seconds.max())),
          ms(p.cpuSeconds.median()), p.gflops(),
          f("%.1f (%.1f-%.1f)", p.gemmGflops.median(), p.gemmGflops.min(), p.gemmGflops.max()), p.ratioToGemm(),
          p.cpuRatioToGemm()));
    }
    BenchReport.Pass d1 = BenchReport.find(passes, Precision.FLOAT64, true);
    BenchReport.Pass d0 = BenchReport.find(passes, Precision.FLOAT64, false);
    BenchReport.Pass s1 = BenchReport.find(passes, Precision.FLOAT32, true);
    BenchReport.Pass s0 = BenchReport.find(passes, Precision.FLOAT32, false);
    if (d1 != null && s1 != null && d0 != null && s0 != null) {
      b.append(f("float32 speed-up over float64: %.2fx (x.g on), %.2fx (x.g off)%n", speedup(d1, s1), speedup(d0, s0)));
    }
    b.append('\n');
  }

  static double speedup(BenchReport.Pass slow, BenchReport.Pass fast) {
    return slow.seconds.median() / fast.seconds.median();
  }

  private static final double GIB = 1024.0 * 1024 * 1024;

  static double ms(double seconds) {
    return seconds * 1e3;
  }

  private static String range(double a, double b) {
    return f("%.1f-%.1f", a, b);
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
