package sparkprop.bench;

import static sparkprop.Internals.construct;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkprop.Json;
import sparkprop.JsonPin;
import sparkprop.blas.BlasInfo;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;
import sparkprop.report.html.SyntheticRace;

/**
 * bench.json pinned byte for byte: every key (the scheduled comparisons read {@code environment},
 * {@code passes[].precision}, {@code input_gradient}, {@code seconds.median} and {@code ratio_to_gemm}),
 * its order and how each number is written — "NaN"/"Infinity" as strings in the pass table and MLlib's
 * section, null in the race's seconds and ratios, as they always were.
 */
class BenchJsonTest {
  @Test
  void aFullBenchWithTheRaceReachedKeepsItsEncoding() throws Exception {
    BenchReport r = report(true);
    r.race = SyntheticRace.reached();
    JsonPin.assertPinned(BenchJsonTest.class, "bench-full.json", Json.pretty(BenchJson.of(r)));
  }

  @Test
  void aRaceNotReachedWritesNullForItsMissingTimes() throws Exception {
    BenchReport r = report(false);
    RaceResult notReached = SyntheticRace.notReached();
    List<RaceResult.Run> runs = new ArrayList<>(notReached.sparkprop());
    runs.add(new RaceResult.Run(3, -1, Double.POSITIVE_INFINITY, Double.NaN, new RaceResult.Steps(0, Double.NaN,
        Double.NaN, Double.NaN, 0, 0, Double.NaN, Double.NaN), new RaceResult.Curve(new double[] {0},
        new double[] {Double.NaN}), "the gradient check failed at step 0", Double.NaN));
    List<RaceResult.MllibFit> fits = new ArrayList<>(notReached.mllib());
    fits.add(new RaceResult.MllibFit(125, 0, Double.NaN, Double.NaN, 0, Double.POSITIVE_INFINITY, Double.NaN,
        Double.NaN, Double.NaN));
    r.race = new RaceResult(notReached.network(), notReached.trainRows(), notReached.testRows(), notReached.testData(),
        notReached.partitions(), notReached.blockSize(), notReached.target(), notReached.recipe(), fits, runs);
    JsonPin.assertPinned(BenchJsonTest.class, "bench-race-not-reached.json", Json.pretty(BenchJson.of(r)));
  }

  @Test
  void aQuickBenchKeepsItsEncoding() throws Exception {
    BenchReport r = report(false);
    r.raceSkipped = "--quick: no race";
    JsonPin.assertPinned(BenchJsonTest.class, "bench-quick.json", Json.pretty(BenchJson.of(r)));
  }

  /** @param everything the native BLAS, the deep network, MLlib's gd and non-finite numbers in the passes */
  static BenchReport report(boolean everything) throws ReflectiveOperationException {
    return fill(new BenchReport(), everything);
  }

  /** {@link #report(boolean)}'s values in {@code r} (a bench report or one that extends it). */
  static <R extends BenchReport> R fill(R r, boolean everything) throws ReflectiveOperationException {
    r.command = "bench --quick";
    r.sparkVersion = "4.2.0";
    r.sparkMaster = "local[2]";
    r.taskSlots = 2;
    r.blas = "JNIBLAS";
    r.blasNative = everything;
    r.blasLibrary = "/tmp/o/libopenblas.so.0";
    if (everything) {
      r.blasInfo = construct(BlasInfo.class, "JNIBLAS", BlasInfo.Source.BUNDLED, "/tmp/o/libopenblas.so.0",
          "/tmp/o/libopenblas.so.0", "0.3.31", "Haswell", 1, "bundled");
    }
    r.openblasThreads = "1";
    r.taskOpenblasThreads = null;
    r.openblasCoretype = null;
    r.cpuModel = "Intel(R) Xeon(R) CPU @ 2.20GHz";
    r.cores = 2;
    r.memoryBytes = 8_000_000_000L;
    r.maxHeapBytes = 2_000_000_000L;
    r.storageMemoryBytes = 1_000_000_000L;
    r.javaVersion = "17.0.12";
    r.maxOtherLoad = 0.25;
    r.otherLoad.put("passes", new double[] {0.01, 0.0, 0.05, 2});
    if (everything) r.otherLoad.put("mllib", new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0.1, 0});
    r.data = "data/mnist-sample";
    r.rows = 10_000;
    r.inputs = 784;
    r.hidden = 50;
    r.partitions = 2;
    r.blockRows = 1024;
    r.treeDepth = 2;
    r.warmup = 1;
    r.passes = 3;
    r.network = "784-50-1";
    Architecture seed = new Architecture(Activation.RELU, LossKind.MSE);
    for (Precision p : Precision.values()) {
      for (boolean x : new boolean[] {true, false}) {
        r.main.add(pass(p, x, new Layout(784, 50, 1), seed, everything && p == Precision.FLOAT32 && !x));
      }
    }
    if (everything) {
      r.deepNetwork = "784-256-128-10";
      Architecture deep = new Architecture(Activation.SIGMOID, LossKind.CROSS_ENTROPY);
      r.deep.add(pass(Precision.FLOAT64, true, new Layout(784, 256, 128, 10), deep, false));
      r.mllib = new MllibMlp.Result(new Samples(new double[] {0.5, 0.25, 0.75}), new Samples(new double[] {0.9, 1.1, 1.0}),
          0.25, 3.5, 5.0, 5, 6, 128, new int[] {784, 50, 1});
    }
    r.totalSeconds = 123.456;
    return r;
  }

  /** A series of three passes; {@code broken}: its GEMM probe measured 0 GFLOP/s and its loss is NaN. */
  static BenchReport.Pass pass(Precision precision, boolean inputGradient, Layout layout,
      Architecture architecture, boolean broken) {
    BenchReport.Pass p = new BenchReport.Pass();
    p.precision = precision;
    p.inputGradient = inputGradient;
    p.rows = 10_000;
    p.partitions = 2;
    p.blockRows = 1024;
    p.warmup = 1;
    p.layout = layout;
    p.architecture = architecture;
    double scale = precision == Precision.FLOAT32 ? 0.5 : 1;
    p.seconds = new Samples(new double[] {0.03 * scale, 0.025 * scale, 0.04 * scale});
    p.cpuSeconds = new Samples(new double[] {0.05 * scale, 0.045 * scale, 0.07 * scale});
    p.gemmGflops = new Samples(broken ? new double[] {0, 0, 0} : new double[] {40, 42.5, 41});
    p.gemmCpuGflops = new Samples(broken ? new double[] {0, 0, 0} : new double[] {20, 21.25, 20.5});
    p.gemmTasks = 2;
    p.deterministic = !broken;
    p.loss = broken ? Double.NaN : 0.125;
    return p;
  }
}
