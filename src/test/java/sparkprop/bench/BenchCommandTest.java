package sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.InProcessRun;
import sparkprop.blas.BlasInfo;
import sparkprop.nn.Layout;
import sparkprop.read.IdxFiles;

/**
 * The bench end to end on a tiny dataset (no timing assertions): bench.json's pass table — what
 * scheduled comparisons read — holds each configuration once with numbers consistent with their own
 * samples and GEMM probe, the environment names the BLAS that ran, and the race ran one recipe over
 * three seeds with the median as its verdict.
 */
class BenchCommandTest {
  private static final int ROWS = 300;

  @TempDir
  Path dir;

  /**
   * Labels a network can learn but not perfectly: which of the first two pixels are lit (4 classes),
   * one row in five relabelled at random, so that MLlib's accuracy is well above chance and below 100%.
   */
  private static byte[] learnableLabels(byte[] pixels, long seed) {
    java.util.Random noise = new java.util.Random(seed);
    byte[] labels = new byte[pixels.length / (28 * 28)];
    for (int r = 0; r < labels.length; r++) {
      int lit = (pixels[r * 28 * 28] != 0 ? 1 : 0) + (pixels[r * 28 * 28 + 1] != 0 ? 2 : 0);
      labels[r] = (byte) (noise.nextInt(5) == 0 ? noise.nextInt(4) : lit);
    }
    return labels;
  }

  @Test
  void aQuickBenchWritesThePassTableTheEnvironmentAndAMedianRace() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    byte[] train = IdxFiles.randomPixels(ROWS, 28 * 28, 1);
    IdxFiles.write(data, "train-", 28, 28, train, learnableLabels(train, 2), false);
    // The race's test rows, found beside the training rows as Fashion-MNIST's t10k pair is.
    byte[] test = IdxFiles.randomPixels(100, 28 * 28, 2);
    IdxFiles.write(data, "t10k-", 28, 28, test, learnableLabels(test, 3), false);
    Path out = dir.resolve("bench-out");
    String[] args = {"bench", "--quick", "--data", data.toString(), "--out", out.toString(), "--passes", "2",
        "--max-other-load", "1"}; // never wait for a quiet machine in a test
    InProcessRun bench = InProcessRun.of(args);
    assertEquals(0, bench.exitCode, bench.toString());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    JsonNode root = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
    assertEquals("bench " + String.join(" ", Arrays.copyOfRange(args, 1, args.length)), root.get("command").asText());

    // The pass table: each precision × x.g exactly once, over every row, each number from its own samples.
    JsonNode passes = root.get("passes");
    Set<String> seen = new HashSet<>();
    for (JsonNode p : passes) {
      String precision = p.get("precision").asText();
      boolean dx = p.get("input_gradient").asBoolean();
      assertTrue(p.get("input_gradient").isBoolean(), "input_gradient is a JSON boolean");
      assertTrue(seen.add(precision + "/" + dx), "once each: " + precision + " x.g " + dx);
      assertEquals("784-50-1", p.get("layers").asText());
      double gemmFlops = GemmProbe.flops(ROWS, new Layout(784, 50, 1), dx);
      assertEquals(2.0 * ROWS * (784 * 50 * (dx ? 3 : 2) + 50 * 3), gemmFlops, 0.0, "the probe's products");
      assertPassFromItsOwnSamples(p, new Layout(784, 50, 1));
    }
    assertEquals(Set.of("float64/true", "float64/false", "float32/true", "float32/false"), seen);
    Set<String> deep = new HashSet<>();
    for (JsonNode p : root.at("/deep_network/passes")) {
      assertEquals("784-128-64-10", p.get("layers").asText());
      assertEquals("cross-entropy", p.get("loss_function").asText());
      assertTrue(deep.add(p.get("precision").asText() + "/" + p.get("input_gradient").asBoolean()), p.toString());
      assertPassFromItsOwnSamples(p, new Layout(784, 128, 64, 10));
    }
    assertEquals(seen, deep, "the deep network's table has the same four configurations");

    // The screen's cost line: a round's placed passes (2 replicas) against one pass, each from its own samples.
    JsonNode screen = root.get("screen_pass");
    assertEquals(2, screen.get("replicas").asInt());
    assertEquals(2, screen.at("/pass_seconds/count").asInt());
    assertEquals(2, screen.at("/placed_pass_seconds/count").asInt());
    assertEquals(screen.at("/placed_pass_seconds/median").asDouble() / screen.at("/pass_seconds/median").asDouble(),
        screen.get("ratio").asDouble(), 1e-12);
    assertEquals(4.4, screen.get("bound").asDouble(), 1e-12, "2.2 x replicas");
    assertEquals(screen.get("ratio").asDouble() <= 4.4, screen.get("within_bound").asBoolean());
    assertTrue(bench.stdout.contains("screen: a round's placed passes (2 replicas"),
        "the console's line");

    // The environment: the BLAS that ran, as OpenBLAS itself names its version and core.
    BlasInfo blas = BlasInfo.current();
    JsonNode env = root.get("environment");
    assertEquals(blas.library, env.get("blas_library").asText());
    assertEquals("bundled", env.get("blas_source").asText());
    assertTrue(env.get("blas_library").asText().endsWith("libopenblas.so.0"));
    assertTrue(env.get("blas_version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), env.get("blas_version").asText());
    assertEquals(blas.version, env.get("blas_version").asText());
    assertEquals(blas.coreName, env.get("blas_core_name").asText());
    assertNotEquals("unknown", env.get("blas_core_name").asText());
    assertEquals(1, env.get("blas_threads").asInt(), "OPENBLAS_NUM_THREADS=1, as OpenBLAS counts it");
    assertEquals(blas.describe(), env.get("blas_description").asText());

    // MLlib's gd against each pass, from the same medians.
    JsonNode mllib = root.get("mllib");
    for (JsonNode p : passes) {
      String key = p.get("precision").asText() + (p.get("input_gradient").asBoolean() ? "_input_gradient" : "_no_input_gradient");
      assertEquals(mllib.at("/seconds_per_iteration/median").asDouble() / p.at("/seconds/median").asDouble(),
          mllib.at("/ratio_mllib_to_sparkprop/" + key).asDouble(), 1e-12, key);
    }

    // The race: one declared recipe, three seeds, the median as the verdict.
    JsonNode race = root.get("train_race");
    assertEquals(ROWS, race.get("train_rows").asLong());
    assertEquals(100, race.get("test_rows").asLong());
    assertTrue(race.get("recipe").asText().contains("--activation sigmoid --loss cross-entropy --init kaiming"
        + " --optimizer lbfgs --lbfgs-corrections 30 --precision float32 --eval-every 2"), race.get("recipe").asText());
    JsonNode fits = race.at("/mllib/fits");
    assertEquals(1, fits.size(), "--quick: one MLlib fit");
    assertEquals(10, fits.get(0).get("max_iter").asInt());
    assertEquals(fits.get(0).get("test_accuracy").asDouble(), race.get("target_accuracy").asDouble(), 0.0);
    JsonNode runs = race.get("sparkprop");
    assertEquals(3, runs.size());
    double[] toTarget = new double[3];
    int reached = 0;
    for (int k = 0; k < 3; k++) {
      JsonNode run = runs.get(k);
      assertEquals(k, run.get("seed").asInt());
      assertEquals(k, race.get("seeds").get(k).asInt());
      assertTrue(run.get("steps").asInt() >= 1, "an untrained network does not already reach MLlib's accuracy");
      assertTrue(run.get("checks").asInt() >= 1, "train's checks ran: at least the one before the first step");
      assertTrue(run.get("gradient_passes").asInt() >= run.get("steps").asInt(), "a step makes at least one pass");
      assertEquals(run.get("steps").asInt() + 1, run.at("/curve/seconds").size(), "one point per step and the last");
      assertTrue(run.get("steps").asInt() <= 30, "--quick: at most 30 steps");
      boolean hit = run.get("reached_target").asBoolean();
      reached += hit ? 1 : 0;
      toTarget[k] = hit ? run.get("seconds_to_target").asDouble() : Double.POSITIVE_INFINITY;
      if (hit) {
        assertEquals(run.at("/curve/seconds").get(run.get("steps").asInt()).asDouble(), toTarget[k], 1e-12,
            "the time to the target is train_seconds where the run stopped");
      }
    }
    Arrays.sort(toTarget);
    assertEquals(reached, race.get("sparkprop_runs_reached").asInt());
    JsonNode median = race.get("sparkprop_seconds_to_target");
    if (Double.isFinite(toTarget[1])) {
      assertEquals(toTarget[1], median.asDouble(), 0.0, "the median seed");
      assertEquals(fits.get(0).get("fit_seconds").asDouble() / toTarget[1], race.get("ratio_mllib_to_sparkprop").asDouble(),
          1e-12);
    } else {
      assertTrue(median.isNull(), "the median seed never reached it: no time");
    }

    // What moved to the apparatus is not in the product's bench.json.
    for (String gone : new String[] {"block_sizes", "scaling", "aggregation", "cluster_model_inputs", "cluster_model",
        "train_steps", "mllib_gradient_gap", "targets"}) {
      assertFalse(root.has(gone), gone);
    }

    String table = bench.stdout;
    for (String heading : new String[] {"gradient pass", "784-128-64-10 relu cross-entropy", "MLlib", "train race",
        "sparkprop, one run per seed of: ./submit.sh train"}) {
      assertTrue(table.contains(heading), "table lacks '" + heading + "':\n" + table);
    }
    // The console's pass table shows bench.json's numbers: each row's median in ms and its pass/GEMM ratio.
    for (JsonNode p : passes) {
      String row = String.format(Locale.ROOT, "%-9s %-4s %10.1f ", p.get("precision").asText(),
          p.get("input_gradient").asBoolean() ? "on" : "off", 1e3 * p.at("/seconds/median").asDouble());
      String line = table.lines().filter(l -> l.startsWith(row)).findFirst().orElse("");
      assertTrue(line.contains(String.format(Locale.ROOT, " %10.2f ", p.get("ratio_to_gemm").asDouble())),
          "'" + row + "… " + p.get("ratio_to_gemm") + "' in:\n" + table);
    }
    String page = Files.readString(out.resolve("report.html"));
    Files.createDirectories(Path.of("target", "report-html"));
    Files.writeString(Path.of("target", "report-html", "bench-tiny-race.html"), page); // to look at
    for (int seed = 0; seed < 3; seed++) assertTrue(page.contains("sparkprop, seed " + seed), "seed " + seed + " drawn");
    String[] lines = table.strip().split("\n");
    assertTrue(lines[lines.length - 1].startsWith("report: ") && lines[lines.length - 1].endsWith("/report.html"),
        lines[lines.length - 1]);
  }

  /**
   * One row of a pass table, each number from its own samples: every row counted, the median and min
   * of its two samples, and ratio_to_gemm = (the probe's flops on the pass's shapes ÷ the pass's median)
   * ÷ the same run's GEMM rate.
   */
  private static void assertPassFromItsOwnSamples(JsonNode p, Layout layout) {
    boolean dx = p.get("input_gradient").asBoolean();
    assertEquals(ROWS, p.get("rows").asLong(), p.toString());
    JsonNode s = p.get("seconds");
    assertEquals(2, s.get("count").asInt());
    double[] samples = new double[2];
    for (int k = 0; k < 2; k++) samples[k] = s.get("samples").get(k).asDouble();
    Arrays.sort(samples);
    assertTrue(samples[0] > 0, "a pass takes time");
    assertEquals(new Samples(samples).median(), s.get("median").asDouble(), 0.0, "the median of its own samples");
    assertEquals(samples[0], s.get("min").asDouble(), 0.0);
    double ratio = GemmProbe.flops(ROWS, layout, dx) / s.get("median").asDouble() / 1e9 / p.at("/gemm/gflops/median").asDouble();
    assertEquals(ratio, p.get("ratio_to_gemm").asDouble(), 1e-9 * ratio, "pass/GEMM from the same run's probe: " + p);
    assertTrue(ratio > 0 && Double.isFinite(ratio));
    assertTrue(p.get("deterministic").asBoolean(), "every pass gives the same sums");
  }
}
