package sparkprop.pass;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.storage.StorageLevel;
import sparkprop.aggregate.PartialSum;
import sparkprop.app.DataOptions;
import sparkprop.app.PreparedRows;
import sparkprop.blas.BundledOpenBlas;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Blas;
import sparkprop.nn.Init;
import sparkprop.nn.InputGradientSink;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Matrix;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.partition.RowHash;
import sparkprop.read.HadoopConf;
import sparkprop.rows.RowChunk;

/**
 * Where the time of a distributed pass goes (not a test: a harness run by hand,
 * {@code mvn -q -Papparatus process-test-classes -Dapparatus="PassProfile [passes] [configs…]"}). Over Fashion-MNIST's cached rows in local[2], configurations run in turns, each pass followed
 * by a GEMM probe round on its shapes (as the bench's); per pass it prints the driver's and the
 * listener's view: broadcast, job start → first task launch, task deserialization, task run and CPU,
 * result serialization, last task end → total on the driver.
 *
 *
 * Configurations (run in turns, each pass timed on its own; 2 partitions unless said):
 * {@code f64dx f64 f32dx f32} — the seed's 784-50-1 over all rows, x.g on/off, with a GEMM probe round
 * after each pass (as the bench's); {@code batch64 batch32} — 784-50-10 cross-entropy on a mini-batch
 * of ~1,024 rows chosen inside the partitions (as train's {@code --batch-rows 1024}: an RDD per step;
 * {@code batchf64 batchf32}: chosen inside the pass's tasks, {@code DistributedPass.RowFilter}); {@code full32ce}
 * — the same network over all rows; {@code agg200} (and {@code agg200b}: θ broadcast; {@code
 * agg200s}: the tree through shuffles; {@code agg200c}: compute only) — 200 partitions, float64, x.g
 * on; {@code floor-…} — Spark's floor: empty jobs, a broadcast, an RDD's creation. (The earlier
 * {@code -old}, {@code -nocache}, {@code -nopool} and {@code agg200x} ran the pass without its pool,
 * its converted rows or its in-memory handoff; those switches left the product, and BENCHMARKS.md keeps
 * what they measured.) System properties:
 * {@code profile.warmup} (3), {@code profile.quiet} (0.15: the share of the CPUs other processes may
 * have used during a pass for it to count), Spark settings as {@code -Dspark.k=v},
 * {@code profile.idle}, {@code profile.dumpLineage} (give them with {@code -Dapparatus.jvm="-Dprofile.warmup=5 …"}).
 */
public final class PassProfile {
  static final String DATA = System.getProperty("profile.data", "/usr/share/datasets/fashion-mnist");

  /** One task's metrics. */
  static final class Task {
    long launch;
    long finish;
    long deser;
    long deserCpu;
    long run;
    long cpu;
    long resultSer;
    long resultSize;
    long gettingResult;
  }

  /** One job's events. */
  static final class Job {
    long start;
    long end;
    final List<Task> tasks = new ArrayList<>();
    final List<String> stages = new ArrayList<>();
  }

  static final class Listener extends SparkListener {
    final Map<Integer, Job> jobs = new LinkedHashMap<>();
    final Map<Integer, Job> stageJob = new HashMap<>();

    @Override
    public synchronized void onJobStart(SparkListenerJobStart s) {
      Job j = new Job();
      j.start = s.time();
      for (StageInfo i : scala.jdk.javaapi.CollectionConverters.asJava(s.stageInfos())) {
        stageJob.put(i.stageId(), j);
        j.stages.add(i.name());
      }
      jobs.put(s.jobId(), j);
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
      Job j = stageJob.get(e.stageId());
      TaskMetrics m = e.taskMetrics();
      if (j == null || m == null) return;
      Task t = new Task();
      t.launch = e.taskInfo().launchTime();
      t.finish = e.taskInfo().finishTime();
      t.gettingResult = e.taskInfo().gettingResultTime();
      t.deser = m.executorDeserializeTime();
      t.deserCpu = m.executorDeserializeCpuTime();
      t.run = m.executorRunTime();
      t.cpu = m.executorCpuTime();
      t.resultSer = m.resultSerializationTime();
      t.resultSize = m.resultSize();
      j.tasks.add(t);
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd e) {
      Job j = jobs.get(e.jobId());
      if (j != null) j.end = e.time();
    }

    synchronized List<Job> since(int count) {
      List<Job> all = new ArrayList<>(jobs.values());
      return all.subList(count, all.size());
    }

    synchronized int count() {
      return jobs.size();
    }
  }

  /** Samples of named quantities, milliseconds, one row per timed pass, with other processes' CPU share. */
  static final class Stats {
    final List<Map<String, Double>> rows = new ArrayList<>();
    Map<String, Double> row;

    void begin() {
      row = new LinkedHashMap<>();
      rows.add(row);
    }

    void add(String name, double v) {
      if (row == null) begin();
      row.put(name, v);
    }

    void print(String title) {
      double quiet = Double.parseDouble(System.getProperty("profile.quiet", "0.15"));
      List<Map<String, Double>> kept = new ArrayList<>();
      for (Map<String, Double> r : rows) if (!(r.getOrDefault("other share", 0.0) > quiet)) kept.add(r);
      System.out.printf(Locale.ROOT, "%s (%d of %d passes with other processes <= %.0f%% of the CPUs)%n", title,
          kept.size(), rows.size(), 100 * quiet);
      if (kept.isEmpty()) kept = rows;
      for (String name : rows.get(0).keySet()) {
        double[] a = kept.stream().mapToDouble(r -> r.getOrDefault(name, Double.NaN)).sorted().toArray();
        System.out.printf(Locale.ROOT, "  %-28s median %9.3f   min %9.3f  q1 %9.3f  q3 %9.3f  max %9.3f%n",
            name, a[a.length / 2], a[0], a[a.length / 4], a[(3 * a.length) / 4], a[a.length - 1]);
      }
    }
  }

  /** {all CPU ticks, busy ticks, this process's ticks}. */
  static long[] load() {
    try {
      String[] cpu = java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      long all = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        long v = Long.parseLong(cpu[i]);
        all += v;
        if (i != 4 && i != 5) busy += v;
      }
      String self = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/self/stat")));
      String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
      return new long[] {all, busy, Long.parseLong(f[11]) + Long.parseLong(f[12])};
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static double otherShare(long[] a, long[] b) {
    double all = b[0] - a[0];
    return all <= 0 ? 0 : Math.max(0, (b[1] - a[1]) - (b[2] - a[2])) / all;
  }

  /** A configuration under test. */
  static final class Config {
    final String name;
    final Precision precision;
    final boolean dx;
    final JavaRDD<RowChunk> rows;
    final long expectedRows;
    final Parameters theta;
    final PassSettings settings;
    final int probeRows; // per task; 0: no probe
    final Stats stats = new Stats();
    double[] first;
    long step;
    final Sampler sampler;
    /** Run with the converted-row cache and the pass pool off, and the tree on the executors. */
    /** Run with the converted-row cache off, all else new. */
    /** Run with the pass pool off, all else new. */
    String label;

    Config(String name, Precision p, boolean dx, JavaRDD<RowChunk> rows, long expectedRows, Parameters theta,
        Architecture a, int probeRows, Sampler sampler) {
      this.name = name;
      this.precision = p;
      this.dx = dx;
      this.rows = rows;
      this.expectedRows = expectedRows;
      this.theta = theta;
      this.settings = new PassSettings(a, p, 1024, PixelScale.BYTE, 2, false);
      this.probeRows = probeRows;
      this.sampler = sampler;
    }
  }

  /** Mini-batches as train's BatchSampler picks them (copied here: that class is package-private). */
  static final class Sampler implements java.io.Serializable {
    final long steps;
    final long seed;

    Sampler(long rows, long batch, long seed) {
      this.steps = (rows + batch - 1) / batch;
      this.seed = seed;
    }

    boolean in(long id, long step) {
      long epoch = step / steps;
      long slot = step % steps;
      return Long.remainderUnsigned(RowHash.of(id, RowHash.of(epoch, seed)), steps) == slot;
    }

    java.util.Iterator<RowChunk> batch(java.util.Iterator<RowChunk> chunks, long step) {
      List<RowChunk> out = new ArrayList<>();
      while (chunks.hasNext()) {
        RowChunk c = chunks.next();
        int kept = 0;
        boolean[] keep = new boolean[c.count];
        for (int r = 0; r < c.count; r++) if (keep[r] = in(c.rowIds[r], step)) kept++;
        if (kept == 0) continue;
        byte[] px = new byte[kept * c.width];
        byte[] lb = new byte[kept];
        long[] ids = new long[kept];
        int k = 0;
        for (int r = 0; r < c.count; r++) {
          if (!keep[r]) continue;
          System.arraycopy(c.pixels, r * c.width, px, k * c.width, c.width);
          lb[k] = c.labels[r];
          ids[k++] = c.rowIds[r];
        }
        out.add(new RowChunk(c.width, px, lb, ids));
      }
      return out.iterator();
    }
  }

  static final class Count extends scala.runtime.AbstractFunction1<scala.collection.Iterator<RowChunk>, Integer>
      implements java.io.Serializable {
    @Override
    public Integer apply(scala.collection.Iterator<RowChunk> it) {
      return it.size();
    }
  }

  static final InputGradientSink DISCARD = (ids, first, dx) -> { };
  static final PartitionHook DX = timed(true);
  static final PartitionHook NO_DX = timed(false);

  /** A hook that times the kernel (from start to finish, wall and thread CPU) and sends the times back. */
  static PartitionHook timed(boolean dx) {
    return partition -> {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long t0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      return new PartitionHook.Observer() {
        long[] times;

        @Override
        public InputGradientSink inputGradient() {
          return dx ? DISCARD : null;
        }

        @Override
        public void finish(double[] sums) {
          times = new long[] {System.nanoTime() - t0, mx.getCurrentThreadCpuTime() - c0};
        }

        @Override
        public java.io.Serializable observed() {
          return times;
        }
      };
    };
  }

  public static void main(String[] args) throws Exception {
    BundledOpenBlas.install();
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    List<String> wanted = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
        : List.of("f64dx", "f64", "f32dx", "f32");
    JavaSparkContext sc = sparkprop.Apparatus.spark("pass-profile", "local[2]");
    System.out.println("BLAS: " + Blas.describe());
    Listener listener = new Listener();
    sc.sc().addSparkListener(listener);
    HadoopConf hc = new HadoopConf(sc.hadoopConfiguration());

    Map<Integer, PreparedRows> opened = new HashMap<>();
    java.util.function.IntFunction<PreparedRows> open = parts -> opened.computeIfAbsent(parts, p -> {
      DataOptions o = new DataOptions();
      o.data = DATA;
      o.partitions = p;
      return PreparedRows.open(sc, o, hc);
    });
    Layout regressor = Layout.regressor(784, 50);
    Parameters regressorTheta = Parameters.random(regressor, Init.RANDN, 1);
    Layout ten = new Layout(784, 50, 10);
    Parameters tenTheta = Parameters.random(ten, Init.KAIMING, 1);
    Architecture ce = new Architecture(Activation.RELU, LossKind.CROSS_ENTROPY);
    List<Config> configs = new ArrayList<>();
    for (String given : wanted) {
      String w = given;
      int before = configs.size();
      switch (w) {
        case "f64dx": case "f64": case "f32dx": case "f32": {
          PreparedRows r = open.apply(2);
          Precision p = w.startsWith("f64") ? Precision.FLOAT64 : Precision.FLOAT32;
          configs.add(new Config(w, p, w.endsWith("dx"), r.rows, r.count, regressorTheta, Architecture.reluMse(),
              (int) ((r.count + 1) / 2), null));
          break;
        }
        case "batch64": case "batch32": case "batchf64": case "batchf32": {
          PreparedRows r = open.apply(2);
          Precision p = w.endsWith("64") ? Precision.FLOAT64 : Precision.FLOAT32;
          configs.add(new Config(w, p, false, r.rows, -1, tenTheta, ce, 0, new Sampler(r.count, 1024, 7)));
          break;
        }
        case "full32ce": {
          PreparedRows r = open.apply(2);
          configs.add(new Config(w, Precision.FLOAT32, false, r.rows, r.count, tenTheta, ce, 0, null));
          break;
        }
        case "agg200": case "agg200c": case "agg200b": case "agg200s": {
          PreparedRows r = open.apply(200);
          configs.add(new Config(w, Precision.FLOAT64, true, r.rows, r.count, regressorTheta,
              Architecture.reluMse(), 0, null));
          break;
        }
        default:
          if (!w.startsWith("floor")) throw new IllegalArgumentException(w);
      }
      if (configs.size() > before) {
        Config c = configs.get(before);
        c.label = given;
      }
    }
    List<String> floors = new ArrayList<>();
    for (String w : wanted) if (w.startsWith("floor")) floors.add(w);
    int warmup = Integer.getInteger("profile.warmup", 3);
    if (Boolean.getBoolean("profile.idle")) {
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      for (int k = 0; k < 3; k++) {
        long c0 = os.getProcessCpuTime();
        Thread.sleep(5000);
        System.out.printf("idle 5 s: process cpu %.0f ms%n", (os.getProcessCpuTime() - c0) / 1e6);
      }
      for (java.util.Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
        long id = e.getKey().getId();
        long cpu = ManagementFactory.getThreadMXBean().getThreadCpuTime(id);
        if (cpu > 200_000_000L) System.out.printf("  %s: %.0f ms cpu, %s%n", e.getKey().getName(), cpu / 1e6, e.getValue().length > 0 ? e.getValue()[0] : "");
      }
    }
    if (!floors.isEmpty()) {
      JavaRDD<RowChunk> rows = open.apply(2).rows;
      JavaRDD<Integer> two = sc.parallelize(List.of(0, 1), 2);
      Map<String, Stats> st = new LinkedHashMap<>();
      for (int k = -warmup; k < passes; k++) {
        for (String f : floors) {
          long[] l0 = load();
          long pc0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
          long t0 = System.nanoTime();
          switch (f) {
            case "floor-parallelize": two.map(x -> x).collect(); break;
            case "floor-rows": rows.mapPartitions(it -> Collections.singletonList(1).iterator()).collect(); break;
            case "floor-rows-300k": rows.mapPartitions(it -> Collections.singletonList(new double[39_761]).iterator()).collect(); break;
            case "floor-bcast": sc.broadcast(regressorTheta).destroy(); break;
            case "floor-bcast-only": sc.broadcast(regressorTheta); break;
            case "floor-rdd": rows.mapPartitionsWithIndex((i, it) -> it, true); break;
            case "floor-callsite": sc.sc().getCallSite(); break;
            case "floor-runjob-rows": {
              scala.reflect.ClassTag<Integer> tag = scala.reflect.ClassTag$.MODULE$.apply(Integer.class);
              sc.sc().runJob(rows.rdd(), new Count(), tag);
              break;
            }
            default: throw new IllegalArgumentException(f);
          }
          double w = (System.nanoTime() - t0) / 1e6;
          double pc = (((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() - pc0) / 1e6;
          if (k >= 0) {
            Stats x = st.computeIfAbsent(f, y -> new Stats());
            x.begin();
            x.add("wall", w);
            x.add("process cpu", pc);
            x.add("other share", otherShare(l0, load()));
          }
        }
      }
      for (Map.Entry<String, Stats> e : st.entrySet()) e.getValue().print(e.getKey());
      configs.clear();
      passes = 0;
    }
    for (int k = -warmup; k < passes; k++) {
      for (Config c : configs) once(sc, listener, c, k >= 0);
    }
    for (Config c : configs) c.stats.print(c.label);
    for (PreparedRows r : opened.values()) r.release();
    sc.stop();
  }

  static void once(JavaSparkContext sc, Listener listener, Config c, boolean timed) throws TimeoutException {
    int before = listener.count();
    long[] load0 = load();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long cpu0 = mx.getCurrentThreadCpuTime();
    long wall0 = System.currentTimeMillis();
    long t0 = System.nanoTime();
    long step = c.step++;
    JavaRDD<RowChunk> over = c.rows;
    DistributedPass.RowFilter filter = null;
    if (c.sampler != null && c.name.startsWith("batchf")) {
      Sampler s = c.sampler;
      filter = chunks -> s.batch(chunks, step);
    } else if (c.sampler != null) {
      Sampler s = c.sampler;
      over = c.rows.mapPartitions(it -> s.batch(it, step), true);
    }
    PartitionHook hook = c.dx ? DX : NO_DX;
    PartialSum total;
    long tb = t0;
    if (c.name.equals("agg200c") || c.name.equals("agg200b") || c.name.equals("agg200s")) {
      // θ broadcast; the tree added through shuffles for agg200s (local mode adds on the driver)
      Broadcast<Parameters> b = sc.broadcast(c.theta);
      tb = System.nanoTime();
      if (c.name.equals("agg200c")) {
        long n = Partials.of(over, b, c.settings, hook).count();
        if (n != over.getNumPartitions()) throw new IllegalStateException(n + " partials");
        total = null;
      } else {
        total = sparkprop.aggregate.TreeSum.sum(Partials.of(over, b, c.settings, hook), 2,
            c.name.equals("agg200s"));
        total.records.sort(java.util.Comparator.comparingInt(r -> r.partition));
      }
      b.destroy();
    } else {
      total = DistributedPass.run(sc, over, filter, c.theta, c.settings, hook);
    }
    double mean = total == null ? 0 : total.sum.mean().loss; // as training does
    long t1 = System.nanoTime();
    long wall1 = System.currentTimeMillis();
    long driverCpu = mx.getCurrentThreadCpuTime() - cpu0;
    if (total != null && c.expectedRows >= 0 && total.sum.rows() != c.expectedRows) throw new IllegalStateException("rows " + total.sum.rows());
    if (c.sampler == null && total != null) {
      if (c.first == null) c.first = total.sum.sums().clone();
      else if (!Arrays.equals(c.first, total.sum.sums())) throw new IllegalStateException(c.label + ": not bitwise the same");
    }
    double[] probeGflops = c.probeRows > 0 ? probe(sc, c.precision, 784, 50, 1024, c.probeRows, c.dx) : null;
    sc.sc().listenerBus().waitUntilEmpty(60_000L);
    if (!timed) return;
    List<Job> jobs = listener.since(before);
    Stats s = c.stats;
    s.begin();
    s.add("other share", otherShare(load0, load()));
    double ms = (t1 - t0) / 1e6;
    s.add("pass wall", ms);
    s.add("broadcast", (tb - t0) / 1e6);
    s.add("driver thread cpu", driverCpu / 1e6);
    s.add("jobs", jobs.size() - (c.probeRows > 0 ? 1 : 0));
    Job j = jobs.get(0);
    long firstLaunch = Long.MAX_VALUE;
    long lastFinish = 0;
    double deser = 0;
    double run = 0;
    double cpu = 0;
    double ser = 0;
    double size = 0;
    for (Task t : j.tasks) {
      firstLaunch = Math.min(firstLaunch, t.launch);
      lastFinish = Math.max(lastFinish, t.finish);
      deser = Math.max(deser, t.deser);
      run = Math.max(run, t.run);
      cpu += t.cpu / 1e6;
      ser = Math.max(ser, t.resultSer);
      size += t.resultSize;
    }
    s.add("tasks", j.tasks.size());
    s.add("start→job start", j.start - wall0);
    s.add("job start→1st launch", firstLaunch - j.start);
    s.add("task deser (max)", deser);
    s.add("task run (max)", run);
    s.add("task cpu (sum)", cpu);
    s.add("result ser (max)", ser);
    s.add("result KB (sum)", size / 1024);
    s.add("last finish→job end", j.end - lastFinish);
    s.add("job end→total", wall1 - j.end);
    s.add("pass - max task run", ms - run);
    double kernel = 0;
    double kernelCpu = 0;
    for (sparkprop.aggregate.PartitionRecord r : total == null ? List.<sparkprop.aggregate.PartitionRecord>of() : total.records) {
      long[] t = r.observed(long[].class);
      kernel = Math.max(kernel, t[0] / 1e6);
      kernelCpu += t[1] / 1e6;
    }
    s.add("kernel (max)", kernel);
    s.add("kernel cpu (sum)", kernelCpu);
    s.add("task cpu - kernel cpu", cpu - kernelCpu);
    s.add("pass - max kernel", ms - kernel);
    if (c.probeRows > 0) {
      double flops = 2.0 * c.expectedRows * 784 * 50 * (c.dx ? 3 : 2);
      double passRate = flops / ms / 1e6;
      s.add("probe GFLOP/s", probeGflops[0]);
      s.add("probe cpu GFLOP/s (sum)", probeGflops[1]);
      s.add("pass/GEMM", passRate / probeGflops[0]);
      s.add("cpu pass/GEMM", (flops / cpu / 1e6) / (probeGflops[1] / 2));
    }
  }

  /** The bench's GEMM probe: 2 tasks at once, each over its rows; Σ of their rates, GFLOP/s. */
  static double[] probe(JavaSparkContext sc, Precision p, int m, int nh, int b, long rows, boolean dx) {
    List<Integer> ids = IntStream.range(0, 2).boxed().collect(Collectors.toList());
    List<long[]> nanos = sc.parallelize(ids, 2)
        .mapPartitions(it -> Collections.singletonList(gemmRound(p, m, nh, b, rows, dx)).iterator(), true).collect();
    double rate = 0;
    double cpuRate = 0;
    for (long[] t : nanos) {
      rate += 2.0 * rows * m * nh * (dx ? 3 : 2) / t[0];
      cpuRate += 2.0 * rows * m * nh * (dx ? 3 : 2) / t[1];
    }
    return new double[] {rate, cpuRate};
  }

  static long[] gemmRound(Precision p, int m, int nh, int blockRows, long rows, boolean dx) {
    Random random = new Random(17);
    Matrix w1 = filled(p, m, nh, random, 1.0);
    Matrix x = filled(p, m, blockRows, random, 1.0 / 255);
    Matrix dl1 = filled(p, nh, blockRows, random, 1e-3);
    Matrix l1 = Matrix.zeros(p, nh, blockRows);
    Matrix dw1 = Matrix.zeros(p, m, nh);
    Matrix dxm = Matrix.zeros(p, m, blockRows);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (long first = 0; first < rows; first += blockRows) {
      int b = (int) Math.min(blockRows, rows - first);
      x.setCols(b);
      dl1.setCols(b);
      l1.setCols(b);
      dxm.setCols(b);
      l1.gemm(true, false, 1.0, w1, x, 0.0);
      dw1.gemm(false, true, 1.0, x, dl1, 1.0);
      if (dx) dxm.gemm(false, false, 1.0, w1, dl1, 0.0);
    }
    return new long[] {System.nanoTime() - t0, mx.getCurrentThreadCpuTime() - c0};
  }

  private static Matrix filled(Precision p, int rows, int cols, Random random, double scale) {
    double[] v = new double[rows * cols];
    for (int k = 0; k < v.length; k++) v[k] = scale * random.nextInt(256);
    return Matrix.of(p, rows, cols, v);
  }
}
