package sparkprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkprop.LocalSpark;
import sparkprop.cli.Main;
import sparkprop.read.IdxFiles;

/** The bench end to end on a tiny dataset: it runs, and bench.json holds every field (no timing assertions). */
class BenchCommandTest {
  private static final int ROWS = 300;

  @TempDir
  Path dir;

  @Test
  void tinyBenchWritesEveryField() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    IdxFiles.write(data, "train-", 28, 28, IdxFiles.randomPixels(ROWS, 28 * 28, 1), IdxFiles.randomLabels(ROWS, 2), false);
    // The race's test rows, found beside the training rows as Fashion-MNIST's t10k pair is.
    IdxFiles.write(data, "t10k-", 28, 28, IdxFiles.randomPixels(100, 28 * 28, 2), IdxFiles.randomLabels(100, 3), false);
    Path out = dir.resolve("bench-out");
    String[] args = {
      "bench", "--data", data.toString(), "--out", out.toString(), "--hidden", "8",
      "--warmup", "1", "--passes", "2", "--gemm-rounds", "1",
      "--block-sizes", "64,128", "--block-passes", "1",
      "--sweep", "300,900", "--sweep-passes", "1", "--sweep-warmup", "0",
      "--aggregation-partitions", "2,5", "--mllib-iterations", "2",
      "--deep-layers", "784-8-4-10", "--race-mllib-iterations", "3,2", "--race-candidates", "float32:5,float64:3",
      "--race-max-steps", "3", "--mllib-gap-partitions", "1,3",
      "--tree-layers", "784-8-10,784-16-16-10", "--tree-partitions", "2,5", "--tree-rows", "300", "--tree-passes", "1",
      "--max-other-load", "1" // never wait for a quiet machine in a test
    };
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = Main.run(LocalSpark.context(), args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertEquals("bench " + String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length)),
        new ObjectMapper().readTree(out.resolve("bench.json").toFile()).get("command").asText());
    String table = stdout.toString(StandardCharsets.UTF_8);
    // The race ran, so report.html draws it, and the console's last line names it as check and train do.
    String page = Files.readString(out.resolve("report.html"));
    Files.createDirectories(Path.of("target", "report-html"));
    Files.writeString(Path.of("target", "report-html", "bench-tiny-race.html"), page); // to look at
    assertTrue(page.contains("MLlib l-bfgs") && page.contains("sparkprop float32, 5 corrections, kaiming")
        && page.contains("sparkprop float64, 3 corrections, kaiming"), "both sides on the race's chart");
    String[] lines = table.strip().split("\n");
    assertTrue(lines[lines.length - 1].startsWith("report: ") && lines[lines.length - 1].endsWith("/report.html"),
        lines[lines.length - 1]);
    for (String heading : new String[] {"gradient pass", "784-8-4-10 relu cross-entropy", "MLlib", "train race",
        "MLlib's gradient against the exact one", "cluster model inputs", "cluster model", "block size", "scaling",
        "aggregation", "targets"}) {
      assertTrue(table.contains(heading), "table lacks '" + heading + "':\n" + table);
    }

    JsonNode root = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
    List<String> missing = new ArrayList<>();
    for (String field : new String[] {"/schema_version", "/command", "/rows", "/partitions", "/block_rows", "/blas",
        "/spark_master", "/environment/spark_version", "/environment/task_slots", "/environment/blas_native",
        "/environment/blas_library", "/environment/blas_version", "/environment/blas_core_name",
        "/environment/blas_description", "/environment/blas_mapped_libraries", "/environment/openblas_num_threads",
        "/environment/task_openblas_num_threads",
        "/environment/openblas_coretype", "/environment/cpu_model", "/environment/cores", "/environment/memory_bytes",
        "/environment/max_heap_bytes", "/environment/storage_memory_bytes", "/environment/java_version",
        "/environment/other_load/passes/other_processes_cpu_share", "/environment/other_load/scaling/stolen_cpu_share",
        "/environment/other_load/mllib/rounds_rerun", "/environment/other_load/aggregation/busiest_kept_round_other_share",
        "/environment/max_other_load",
        "/model/data", "/model/inputs", "/model/hidden", "/model/network", "/model/tree_depth", "/model/flop_count",
        "/deep_network/network", "/train_race/target_accuracy", "/train_race/mllib_seconds_to_target",
        "/train_race/sparkprop_seconds_to_target", "/train_race/ratio_mllib_to_sparkprop", "/train_race/goal_met",
        "/train_race/train_rows", "/train_race/test_rows", "/train_race/ratio_mllib_iterating_to_sparkprop",
        "/mllib_gradient_gap/model", "/mllib_gradient_gap/block_size",
        "/mllib/layers", "/mllib/solver", "/mllib/block_size", "/mllib/iterations", "/mllib/gradient_jobs_timed_fit",
        "/mllib/seconds_per_iteration/median", "/mllib/task_cpu_seconds_per_iteration/median",
        "/mllib/task_cpu_ratio_mllib_to_sparkprop/float64_no_input_gradient",
        "/mllib/difference_seconds_per_iteration", "/mllib/fit_1_seconds", "/mllib/fit_k_plus_1_seconds",
        "/mllib/ratio_mllib_to_sparkprop/float64_no_input_gradient",
        "/mllib/ratio_mllib_to_sparkprop/float64_input_gradient",
        "/mllib/ratio_mllib_to_sparkprop/float32_no_input_gradient",
        "/mllib/ratio_mllib_to_sparkprop/float32_input_gradient", "/total_seconds"}) {
      if (root.at(field).isMissingNode()) missing.add(field);
    }

    JsonNode passes = root.get("passes");
    assertEquals(4, passes.size(), "float64/float32 × input gradient on/off");
    for (JsonNode p : passes) {
      missing.addAll(missingIn(p, "/layers", "/activation", "/loss_function", "/precision", "/input_gradient", "/rows",
          "/partitions", "/block_rows", "/warmup", "/passes", "/seconds/median", "/seconds/min", "/seconds/max",
          "/seconds/q1", "/seconds/q3", "/seconds/count",
          "/seconds/samples", "/task_cpu_seconds/median", "/flops", "/gflops", "/gemm/tasks", "/gemm/gflops/median",
          "/gemm/gflops/min", "/gemm/gflops/max", "/gemm/gflops_per_task_cpu/median", "/ratio_to_gemm",
          "/task_cpu_ratio_to_gemm", "/deterministic", "/loss"));
      assertEquals(2, p.at("/seconds/count").asInt());
      assertEquals(ROWS, p.get("rows").asLong());
      assertTrue(p.get("deterministic").asBoolean(), "every pass gives the same sums");
    }
    assertEquals("784-8-1", passes.get(0).get("layers").asText());
    assertEquals(2 * 4, root.get("block_sizes").size());

    JsonNode deep = root.at("/deep_network/passes");
    assertEquals(4, deep.size(), "the second network: float64/float32 × input gradient on/off");
    for (JsonNode p : deep) {
      assertEquals("784-8-4-10", p.get("layers").asText());
      assertEquals("cross-entropy", p.get("loss_function").asText());
      assertTrue(p.get("deterministic").asBoolean());
      assertTrue(p.get("flops").asDouble() > 0 && p.at("/gemm/gflops/median").asDouble() > 0);
    }

    JsonNode race = root.get("train_race");
    assertEquals(ROWS, race.get("train_rows").asLong());
    assertEquals(100, race.get("test_rows").asLong());
    JsonNode fits = race.at("/mllib/fits");
    assertEquals(2, fits.size(), "one MLlib fit per maxIter");
    assertEquals(2, fits.get(0).get("max_iter").asInt(), "fits are listed by maxIter");
    assertEquals(fits.get(1).get("test_accuracy").asDouble(), race.get("target_accuracy").asDouble(),
        "the longest fit's accuracy is the target");
    for (JsonNode f : fits) {
      missing.addAll(missingIn(f, "/max_iter", "/iterations", "/fit_seconds", "/iterating_seconds", "/gradient_jobs",
          "/task_cpu_seconds", "/test_accuracy", "/final_loss", "/other_processes_cpu_share"));
    }
    assertEquals(2, race.get("sparkprop").size());
    for (JsonNode c : race.get("sparkprop")) {
      missing.addAll(missingIn(c, "/precision", "/corrections", "/init", "/reached_target", "/reached_at_step",
          "/seconds_to_target", "/steps", "/first_step_seconds", "/median_step_seconds", "/evaluation_seconds",
          "/final_test_accuracy", "/gradient_passes", "/median_pass_seconds", "/curve/seconds",
          "/curve/test_accuracy"));
      assertTrue(c.get("gradient_passes").asInt() >= c.get("steps").asInt(), "a step makes at least one pass");
      assertEquals(c.get("steps").asInt() + 1, c.at("/curve/seconds").size(), "one point per step and the last");
      assertTrue(c.get("steps").asInt() <= 3);
    }

    JsonNode gap = root.at("/mllib_gradient_gap/lines");
    assertEquals(2, gap.size());
    for (JsonNode l : gap) {
      missing.addAll(missingIn(l, "/partitions", "/rows", "/blocks", "/relative", "/reweighted_relative",
          "/mllib_loss", "/exact_loss"));
      assertTrue(l.get("reweighted_relative").asDouble() < 1e-12,
          "re-weighted by their rows, MLlib's block gradients give the exact one");
    }
    assertEquals(3, gap.get(0).get("blocks").asLong(), "300 rows in blocks of 128: 128 + 128 + 44");

    JsonNode tree = root.get("cluster_model_inputs");
    assertEquals(2 * 2, tree.size(), "two networks at two partition counts");
    for (JsonNode t : tree) {
      missing.addAll(missingIn(t, "/network", "/partitions", "/rows", "/tree_depth", "/fan_in", "/shuffles",
          "/partial_bytes", "/tree_sum_seconds/median", "/empty_job_seconds/median", "/task_cpu_seconds_per_row"));
    }
    long small = tree.get(0).get("partial_bytes").asLong();
    long large = tree.get(2).get("partial_bytes").asLong();
    assertTrue(small > 8 * (784 * 8 + 8 + 8 * 10 + 10) && small < 2 * 8 * (784 * 8 + 8 + 8 * 10 + 10),
        "a partial is its gradient's doubles and a little more: " + small);
    assertTrue(large > 8 * (784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10), "784-16-16-10: " + large);
    assertEquals(1, tree.get(1).get("shuffles").asInt(), "5 partitions, depth 2: fan-in 3, one shuffle");
    missing.addAll(missingIn(root, "/cluster_model/fitted/empty_job_seconds_per_task",
        "/cluster_model/fitted/shuffle_seconds_per_byte_per_reducer", "/cluster_model/checks/0/predicted/seconds",
        "/cluster_model/checks/0/measured_seconds", "/cluster_model/extrapolation/0/seconds"));

    JsonNode scaling = root.get("scaling");
    assertFalse(scaling.isEmpty());
    boolean cached = false;
    boolean streamed = false;
    for (JsonNode s : scaling) {
      missing.addAll(missingIn(s, "/rows", "/mode", "/partitions", "/precision", "/input_gradient", "/seconds/median",
          "/microseconds_per_row", "/task_cpu_seconds/median", "/task_cpu_microseconds_per_row", "/deterministic"));
      cached |= s.get("mode").asText().equals("cache");
      streamed |= s.get("mode").asText().equals("stream");
    }
    assertTrue(cached && streamed, "the tiny sizes fit the cache, and every size is also streamed: " + scaling);

    JsonNode aggregation = root.get("aggregation");
    assertEquals(2, aggregation.size());
    for (JsonNode a : aggregation) {
      missing.addAll(missingIn(a, "/partitions", "/rows", "/tree_depth", "/fan_in", "/shuffles", "/pass_seconds/median",
          "/compute_only_seconds/median", "/difference_seconds/median", "/tree_sum_alone_seconds/median", "/share",
          "/pass_task_cpu_seconds/median", "/compute_only_task_cpu_seconds/median", "/task_cpu_share"));
    }
    assertEquals(1, aggregation.get(1).get("shuffles").asInt(), "5 partitions, fan-in 3: one shuffle");

    assertFalse(root.get("targets").isEmpty());
    for (JsonNode t : root.get("targets")) missing.addAll(missingIn(t, "/name", "/value", "/goal", "/met", "/note"));
    assertTrue(missing.isEmpty(), "bench.json lacks " + missing);
  }

  private static List<String> missingIn(JsonNode node, String... fields) {
    List<String> missing = new ArrayList<>();
    for (String f : fields) if (node.at(f).isMissingNode()) missing.add(f + " in " + node);
    return missing;
  }
}
