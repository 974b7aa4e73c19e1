package sparkprop.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code bench.json}: a bench run for machines. Times are seconds, rates GFLOP/s. */
final class BenchJson {
  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchJson() {}

  static byte[] render(BenchReport r) {
    try {
      return MAPPER.writeValueAsBytes(tree(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode tree(BenchReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("command", r.command);
    root.put("rows", r.rows);
    root.put("partitions", r.partitions);
    root.put("block_rows", r.blockRows);
    root.put("blas", r.blas);
    root.put("spark_master", r.sparkMaster);

    ObjectNode env = root.putObject("environment");
    env.put("spark_version", r.sparkVersion);
    env.put("spark_master", r.sparkMaster);
    env.put("task_slots", r.taskSlots);
    env.put("blas", r.blas);
    env.put("blas_native", r.blasNative);
    if (r.blasInfo != null) {
      env.put("blas_library", r.blasInfo.library);
      env.put("blas_library_file", r.blasInfo.file);
      env.put("blas_version", r.blasInfo.version);
      env.put("blas_core_name", r.blasInfo.coreName);
      env.put("blas_source", r.blasInfo.source.name().toLowerCase(java.util.Locale.ROOT));
      env.put("blas_threads", r.blasInfo.threads);
      env.put("blas_description", r.blasInfo.describe());
    } else {
      env.put("blas_library", r.blasLibrary);
    }
    env.put("blas_mapped_libraries", r.blasLibrary);
    env.put("openblas_num_threads", r.openblasThreads);
    env.put("task_openblas_num_threads", r.taskOpenblasThreads);
    env.put("openblas_coretype", r.openblasCoretype);
    env.put("cpu_model", r.cpuModel);
    env.put("cores", r.cores);
    env.put("memory_bytes", r.memoryBytes);
    env.put("max_heap_bytes", r.maxHeapBytes);
    env.put("storage_memory_bytes", r.storageMemoryBytes);
    env.put("java_version", r.javaVersion);
    env.put("max_other_load", r.maxOtherLoad);
    ObjectNode load = env.putObject("other_load");
    for (java.util.Map.Entry<String, double[]> e : r.otherLoad.entrySet()) {
      ObjectNode n = load.putObject(e.getKey());
      n.put("other_processes_cpu_share", e.getValue()[0]);
      n.put("stolen_cpu_share", e.getValue()[1]);
      n.put("busiest_kept_round_other_share", e.getValue()[2]);
      n.put("rounds_rerun", (int) e.getValue()[3]);
    }

    ObjectNode model = root.putObject("model");
    model.put("data", r.data);
    model.put("rows", r.rows);
    model.put("inputs", r.inputs);
    model.put("hidden", r.hidden);
    model.put("network", r.network);
    model.put("tree_depth", r.treeDepth);
    model.put("flop_count", BenchReport.FLOP_COUNT);

    ArrayNode main = root.putArray("passes");
    for (BenchReport.Pass p : r.main) main.add(pass(p));

    if (r.deep.isEmpty()) {
      root.putNull("deep_network");
    } else {
      ObjectNode deep = root.putObject("deep_network");
      deep.put("network", r.deepNetwork);
      deep.put("init", "kaiming");
      ArrayNode dp = deep.putArray("passes");
      for (BenchReport.Pass p : r.deep) dp.add(pass(p));
    }

    if (r.mllib == null) {
      root.putNull("mllib");
    } else {
      MllibMlp.Result m = r.mllib;
      ObjectNode n = root.putObject("mllib");
      n.put("estimator", "org.apache.spark.ml.classification.MultilayerPerceptronClassifier");
      ArrayNode layers = n.putArray("layers");
      for (int l : m.layers) layers.add(l);
      n.put("solver", "gd");
      n.put("block_size", m.blockSize);
      n.put("iterations", m.iterations);
      n.put("gradient_jobs_timed_fit", m.gradientJobs);
      n.set("seconds_per_iteration", samples(m.secondsPerIteration));
      n.set("task_cpu_seconds_per_iteration", samples(m.cpuSecondsPerIteration));
      n.put("difference_seconds_per_iteration", m.differenceSecondsPerIteration);
      n.put("fit_1_seconds", m.fitOneSeconds);
      n.put("fit_k_plus_1_seconds", m.fitManySeconds);
      ObjectNode ratio = n.putObject("ratio_mllib_to_sparkprop");
      ObjectNode cpuRatio = n.putObject("task_cpu_ratio_mllib_to_sparkprop");
      for (BenchReport.Pass p : r.main) {
        String key = p.precision.label() + (p.inputGradient ? "_input_gradient" : "_no_input_gradient");
        ratio.put(key, m.secondsPerIteration.median() / p.seconds.median());
        cpuRatio.put(key, m.cpuSecondsPerIteration.median() / p.cpuSeconds.median());
      }
    }

    RaceJson.race(root, r);

    root.put("total_seconds", r.totalSeconds);
    return root;
  }

  static ObjectNode pass(BenchReport.Pass p) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("layers", p.layout.toString());
    n.put("activation", p.architecture.activation.label());
    n.put("loss_function", p.architecture.loss.label());
    n.put("precision", p.precision.label());
    n.put("input_gradient", p.inputGradient);
    n.put("rows", p.rows);
    n.put("partitions", p.partitions);
    n.put("block_rows", p.blockRows);
    n.put("warmup", p.warmup);
    n.put("passes", p.seconds.count());
    n.set("seconds", samples(p.seconds));
    n.set("task_cpu_seconds", samples(p.cpuSeconds));
    n.put("flops", p.flops());
    n.put("gflops", p.gflops());
    ObjectNode g = n.putObject("gemm");
    g.put("tasks", p.gemmTasks);
    g.set("gflops", samples(p.gemmGflops));
    g.set("gflops_per_task_cpu", samples(p.gemmCpuGflops));
    n.put("ratio_to_gemm", p.ratioToGemm());
    n.put("task_cpu_ratio_to_gemm", p.cpuRatioToGemm());
    n.put("deterministic", p.deterministic);
    n.put("loss", p.loss);
    return n;
  }

  static ObjectNode samples(Samples s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("median", s.median());
    n.put("min", s.min());
    n.put("max", s.max());
    n.put("q1", s.quantile(0.25));
    n.put("q3", s.quantile(0.75));
    n.put("count", s.count());
    ArrayNode all = n.putArray("samples");
    for (double v : s.values) all.add(v);
    return n;
  }
}
