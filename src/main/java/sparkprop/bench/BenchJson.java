package sparkprop.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sparkprop.Json.NonFiniteAsString;
import sparkprop.blas.BlasInfo;

/**
 * {@code bench.json}: a bench run for machines, one record per object, its components in the file's
 * order. Times are seconds, rates GFLOP/s. The scheduled comparisons read {@code environment} and
 * {@code passes[]}'s {@code precision}, {@code input_gradient}, {@code seconds.median} and
 * {@code ratio_to_gemm}. Every number here predates the rule that writes NaN and ±∞ as null and keeps
 * the strings ({@link sparkprop.Json}); the race's ({@link RaceJson}) were null from the start.
 *
 * @param screenPass       the screen's cost line: a round's placed passes against one pass ({@link ScreenPassCost})
 * @param trainRace        the race, or null when it did not run
 * @param trainRaceSkipped why the race did not run; absent when it ran
 */
record BenchJson(int schemaVersion, String command, long rows, int partitions, int blockRows, String blas,
    String sparkMaster, Environment environment, Model model, List<Pass> passes,
    @JsonInclude(JsonInclude.Include.NON_NULL) ScreenPass screenPass, DeepNetwork deepNetwork, Mllib mllib,
    RaceJson trainRace, @JsonInclude(JsonInclude.Include.NON_NULL) String trainRaceSkipped,
    @NonFiniteAsString double totalSeconds) {
  static final int SCHEMA_VERSION = 1;

  /**
   * Where the bench ran. The {@code blas_*} keys from {@code blas_library_file} to {@code blas_description}
   * are there only when the tasks' BLAS is known; {@code blas_library} is then its file, else the mapped ones.
   *
   * @param otherLoad section → how busy other processes kept the machine
   */
  record Environment(String sparkVersion, String sparkMaster, int taskSlots, String blas, boolean blasNative,
      String blasLibrary, @JsonInclude(JsonInclude.Include.NON_NULL) String blasLibraryFile,
      @JsonInclude(JsonInclude.Include.NON_NULL) String blasVersion,
      @JsonInclude(JsonInclude.Include.NON_NULL) String blasCoreName,
      @JsonInclude(JsonInclude.Include.NON_NULL) String blasSource,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer blasThreads,
      @JsonInclude(JsonInclude.Include.NON_NULL) String blasDescription, String blasMappedLibraries,
      String openblasNumThreads, String taskOpenblasNumThreads, String openblasCoretype, String cpuModel, int cores,
      long memoryBytes, long maxHeapBytes, long storageMemoryBytes, String javaVersion,
      @NonFiniteAsString double maxOtherLoad, Map<String, Load> otherLoad) {
    static Environment of(BenchReport r) {
      BlasInfo b = r.blasInfo;
      Map<String, Load> load = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> e : r.otherLoad.entrySet()) {
        double[] v = e.getValue();
        load.put(e.getKey(), new Load(v[0], v[1], v[2], (int) v[3]));
      }
      return new Environment(r.sparkVersion, r.sparkMaster, r.taskSlots, r.blas, r.blasNative,
          b == null ? r.blasLibrary : b.library, b == null ? null : b.file, b == null ? null : b.version,
          b == null ? null : b.coreName, b == null ? null : b.source.name().toLowerCase(Locale.ROOT),
          b == null ? null : b.threads, b == null ? null : b.describe(), r.blasLibrary, r.openblasThreads,
          r.taskOpenblasThreads, r.openblasCoretype, r.cpuModel, r.cores, r.memoryBytes, r.maxHeapBytes,
          r.storageMemoryBytes, r.javaVersion, r.maxOtherLoad, load);
    }
  }

  /** Other processes' share of the CPUs over a section, the stolen share, the busiest kept round's, rounds run again. */
  record Load(@NonFiniteAsString double otherProcessesCpuShare, @NonFiniteAsString double stolenCpuShare,
      @NonFiniteAsString double busiestKeptRoundOtherShare, int roundsRerun) {}

  record Model(String data, long rows, int inputs, int hidden, String network, int treeDepth, String flopCount) {}

  /** One timed series of passes and the GEMM probe run beside it. */
  record Pass(String layers, String activation, String lossFunction, String precision, boolean inputGradient,
      long rows, int partitions, int blockRows, int warmup, int passes, Summary seconds, Summary taskCpuSeconds,
      @NonFiniteAsString double flops, @NonFiniteAsString double gflops, Gemm gemm,
      @NonFiniteAsString double ratioToGemm, @NonFiniteAsString double taskCpuRatioToGemm, boolean deterministic,
      @NonFiniteAsString double loss) {
    static Pass of(BenchReport.Pass p) {
      return new Pass(p.layout.toString(), p.architecture.activation.label(), p.architecture.loss.label(),
          p.precision.label(), p.inputGradient, p.rows, p.partitions, p.blockRows, p.warmup, p.seconds.count(),
          Summary.of(p.seconds), Summary.of(p.cpuSeconds), p.flops(), p.gflops(),
          new Gemm(p.gemmTasks, Summary.of(p.gemmGflops), Summary.of(p.gemmCpuGflops)), p.ratioToGemm(),
          p.cpuRatioToGemm(), p.deterministic, p.loss);
    }
  }

  record Gemm(int tasks, Summary gflops, Summary gflopsPerTaskCpu) {}

  /** Repeated measurements: their median, quartiles, extremes, count, and each one. */
  record Summary(@NonFiniteAsString double median, @NonFiniteAsString double min, @NonFiniteAsString double max,
      @NonFiniteAsString double q1, @NonFiniteAsString double q3, int count, @NonFiniteAsString double[] samples) {
    static Summary of(Samples s) {
      return new Summary(s.median(), s.min(), s.max(), s.quantile(0.25), s.quantile(0.75), s.count(), s.values);
    }
  }

  /**
   * A screen round's distributed passes ({@code replicas} copies of every partition in one placed job) against
   * one ordinary pass, float64, x.g off: {@code ratio} = median placed / median pass, within {@code bound} =
   * 2.2 × replicas when {@code within_bound}.
   */
  record ScreenPass(int replicas, Summary passSeconds, Summary placedPassSeconds, @NonFiniteAsString double ratio,
      @NonFiniteAsString double bound, boolean withinBound) {
    static ScreenPass of(ScreenPassCost.Result s) {
      return s == null ? null : new ScreenPass(s.replicas(), Summary.of(s.passSeconds()), Summary.of(s.placedSeconds()),
          s.ratio(), s.bound(), s.ratio() <= s.bound());
    }
  }

  record DeepNetwork(String network, String init, List<Pass> passes) {}

  /**
   * MLlib's MultilayerPerceptronClassifier (gd) per iteration, and the ratio to each pass configuration
   * ({@code float64_input_gradient}, …).
   */
  record Mllib(String estimator, int[] layers, String solver, int blockSize, int iterations, int gradientJobsTimedFit,
      Summary secondsPerIteration, Summary taskCpuSecondsPerIteration,
      @NonFiniteAsString double differenceSecondsPerIteration,
      @JsonProperty("fit_1_seconds") @NonFiniteAsString double fitOneSeconds,
      @JsonProperty("fit_k_plus_1_seconds") @NonFiniteAsString double fitManySeconds,
      @NonFiniteAsString Map<String, Double> ratioMllibToSparkprop,
      @NonFiniteAsString Map<String, Double> taskCpuRatioMllibToSparkprop) {
    static Mllib of(MllibMlp.Result m, List<BenchReport.Pass> passes) {
      Map<String, Double> ratio = new LinkedHashMap<>();
      Map<String, Double> cpuRatio = new LinkedHashMap<>();
      for (BenchReport.Pass p : passes) {
        String key = p.precision.label() + (p.inputGradient ? "_input_gradient" : "_no_input_gradient");
        ratio.put(key, m.secondsPerIteration.median() / p.seconds.median());
        cpuRatio.put(key, m.cpuSecondsPerIteration.median() / p.cpuSeconds.median());
      }
      return new Mllib("org.apache.spark.ml.classification.MultilayerPerceptronClassifier", m.layers, "gd",
          m.blockSize, m.iterations, m.gradientJobs, Summary.of(m.secondsPerIteration),
          Summary.of(m.cpuSecondsPerIteration), m.differenceSecondsPerIteration, m.fitOneSeconds, m.fitManySeconds,
          ratio, cpuRatio);
    }
  }

  static BenchJson of(BenchReport r) {
    return new BenchJson(SCHEMA_VERSION, r.command, r.rows, r.partitions, r.blockRows, r.blas, r.sparkMaster,
        Environment.of(r), new Model(r.data, r.rows, r.inputs, r.hidden, r.network, r.treeDepth, BenchReport.FLOP_COUNT),
        r.main.stream().map(Pass::of).toList(), ScreenPass.of(r.screenPass),
        r.deep.isEmpty() ? null : new DeepNetwork(r.deepNetwork, "kaiming", r.deep.stream().map(Pass::of).toList()),
        r.mllib == null ? null : Mllib.of(r.mllib, r.main), r.race == null ? null : RaceJson.of(r.race),
        r.race == null ? r.raceSkipped : null, r.totalSeconds);
  }
}
