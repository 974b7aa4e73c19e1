package sparkprop.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes netlib (and so this job, Spark MLlib and Breeze) run the OpenBLAS that ships inside
 * sparkprop.jar ({@code org.bytedeco:openblas:0.3.31-1.5.13:linux-x86_64}: OpenBLAS 0.3.31 built with
 * DYNAMIC_ARCH, so it picks kernels for the CPU it runs on — e.g. Zen 4 or Sapphire Rapids — where
 * Debian 12's 0.3.21 falls back to older ones), with no install step and no LD_LIBRARY_PATH.
 *
 * <p>{@link #install()} must run before anything in the JVM first touches netlib's
 * {@code BLAS.getInstance()}: netlib's JNI library reads {@code dev.ludovic.netlib.blas.nativeLibPath}
 * once, when it loads, and keeps that BLAS for the JVM's life. It does, in this order, and only once:
 *
 * <ol>
 *   <li>If netlib's native library is already loaded, or the user set nativeLibPath, changes nothing
 *       (and says so in {@link BlasInfo#reason}).
 *   <li>Extracts libopenblas.so.0 and the libraries it needs into a per-user, content-addressed folder
 *       ({@link BundledFiles}), loads them by path with {@link System#load} — libquadmath and
 *       libgfortran before libopenblas, since only libopenblas has RUNPATH $ORIGIN — and only then sets
 *       nativeLibPath to it. netlib's {@code dlopen} of the same path then returns the library that is
 *       already loaded: one copy of OpenBLAS in the process, the one {@link OpenBlasInfo} asks. A failure here (no such resource, another OS or CPU architecture, a noexec temp folder,
 *       a glibc too old) leaves nativeLibPath unset.
 *   <li>Calls {@code BLAS.getInstance()}. Without nativeLibPath netlib itself tries the system's
 *       {@code libblas.so.3} and then falls back to pure Java (VectorBLAS, then F2jBLAS).
 *   <li>Records what ran, from where, its OpenBLAS version, the core its CPU dispatch chose and its
 *       thread count ({@link BlasInfo}; as the loaded library answers them, see {@link OpenBlasInfo}), and
 *       logs it once.
 * </ol>
 *
 * <p>Threads: OpenBLAS reads OPENBLAS_NUM_THREADS when it is loaded; netlib does not expose
 * {@code openblas_set_num_threads}, and sparkprop's JNI only reads. So the count stays held by
 * the environment as before — submit.sh exports OPENBLAS_NUM_THREADS=1 for the driver and
 * {@code spark.executorEnv.OPENBLAS_NUM_THREADS 1} (conf/spark-defaults.conf) gives it to executors —
 * and this class checks it: {@link BlasInfo#threads} is OpenBLAS's own count, as the library answers,
 * and a count above 1 is logged as a warning. OPENBLAS_CORETYPE is neither read nor set here: OpenBLAS
 * honours it as the user left it.
 *
 * <p>Switches: {@code -Dsparkprop.blas.bundled=false} skips the bundled library (netlib then loads the
 * system's, as before); {@code -Dsparkprop.blas.dir=DIR} extracts under DIR instead of the temp folder.
 */
public final class BundledOpenBlas {
  /** The system property netlib's JNIBLAS reads for the BLAS library's path. */
  public static final String NATIVE_LIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
  private static final Logger LOG = LoggerFactory.getLogger(BundledOpenBlas.class);
  /** Which BLAS loaded, for the log file: the report and the table say it to the user. */
  private static final Logger DETAILS = LoggerFactory.getLogger("sparkprop.details.blas");

  private static BlasInfo info;

  private BundledOpenBlas() {}

  /**
   * Installs the bundled OpenBLAS as netlib's BLAS if netlib has not started yet, initialises netlib and
   * returns what runs. Idempotent and thread-safe; never throws (a failure falls back and is recorded).
   */
  public static synchronized BlasInfo install() {
    if (info == null) {
      info = installOnce();
      if (info.source == BlasInfo.Source.JAVA) LOG.warn("BLAS {}", info);
      else DETAILS.info("BLAS {}", info.describe());
      if (info.threads > 1) {
        LOG.warn("OpenBLAS runs {} threads per call inside every Spark task: set OPENBLAS_NUM_THREADS=1 "
            + "(spark.executorEnv.OPENBLAS_NUM_THREADS=1 for executors)", info.threads);
      }
    }
    return info;
  }

  private static BlasInfo installOnce() {
    Path bundled = null;
    String why;
    String preset = System.getProperty(NATIVE_LIB_PATH);
    if (!MappedLibraries.named("libnetlibblasjni").isEmpty()) {
      why = "netlib's native BLAS was loaded before BundledOpenBlas.install(), which then changed nothing";
    } else if (preset != null && !preset.isEmpty()) {
      why = NATIVE_LIB_PATH + " was set to " + preset + " before BundledOpenBlas.install(), which kept it";
    } else if (System.getProperty("sparkprop.blas.bundled", "true").equalsIgnoreCase("false")) {
      why = "bundled OpenBLAS turned off by -Dsparkprop.blas.bundled=false";
    } else if (!supported()) {
      why = "no bundled OpenBLAS for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    } else {
      try {
        bundled = load(BundledFiles.extract(BundledFiles.entries(BundledOpenBlas.class.getClassLoader()),
            BundledFiles.defaultBase()));
        System.setProperty(NATIVE_LIB_PATH, bundled.toString());
        why = "bundled OpenBLAS loaded";
      } catch (Throwable e) { // an UnsatisfiedLinkError too: fall back, never fail the job for speed
        why = "bundled OpenBLAS failed: " + e;
      }
    }

    BLAS blas;
    try {
      blas = BLAS.getInstance();
    } catch (Throwable e) {
      return new BlasInfo("none", BlasInfo.Source.JAVA, BlasInfo.JAVA, "", "", "", 0, why + "; netlib failed: " + e);
    }
    String impl = blas.getClass().getSimpleName();
    if (!(blas instanceof NativeBLAS)) {
      return new BlasInfo(impl, BlasInfo.Source.JAVA, BlasInfo.JAVA, "", "", "", 0,
          why + "; netlib found no native BLAS (it tries " + (bundled != null ? bundled : "libblas.so.3") + ")");
    }
    String path = System.getProperty(NATIVE_LIB_PATH);
    if (bundled != null && bundled.toString().equals(path) && MappedLibraries.isMapped(bundled)) {
      OpenBlasInfo o = OpenBlasInfo.of(bundled);
      return new BlasInfo(impl, BlasInfo.Source.BUNDLED, bundled.toString(), MappedLibraries.realPath(bundled),
          o.version, o.coreName, o.threads, withProblem(why, o));
    }
    // netlib loaded the system's libblas.so.3, or the user's nativeLibPath; find the OpenBLAS behind it.
    String library = path != null && !path.isEmpty() ? path : BlasInfo.SYSTEM;
    List<String> openblas = MappedLibraries.named("libopenblas");
    if (bundled != null) openblas.remove(MappedLibraries.realPath(bundled));
    if (openblas.isEmpty()) {
      List<String> blasFiles = MappedLibraries.named("blas");
      blasFiles.removeIf(f -> f.contains("netlibblasjni"));
      String file = blasFiles.isEmpty() ? "" : blasFiles.get(0);
      return new BlasInfo(impl, BlasInfo.Source.SYSTEM, library, file, OpenBlasInfo.UNKNOWN, OpenBlasInfo.UNKNOWN,
          -1, why + "; the native BLAS is not OpenBLAS");
    }
    OpenBlasInfo o = OpenBlasInfo.of(Path.of(openblas.get(0)));
    return new BlasInfo(impl, BlasInfo.Source.SYSTEM, library, openblas.get(0), o.version, o.coreName, o.threads,
        withProblem(why, o));
  }

  private static String withProblem(String why, OpenBlasInfo o) {
    return o.problem.isEmpty() ? why : why + "; " + o.problem;
  }

  private static boolean supported() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    return os.equals("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  /**
   * Loads the extracted files by path, dependencies first; returns libopenblas.so.0's path. The process's
   * own libgcc_s is kept when it has one (two copies would each unwind with their own state).
   */
  private static Path load(Path dir) {
    for (String name : BundledFiles.FILES) {
      if (name.startsWith("libgcc_s") && !MappedLibraries.named("libgcc_s.so").isEmpty()) continue;
      Path lib = dir.resolve(name);
      try {
        System.load(lib.toString());
      } catch (UnsatisfiedLinkError e) {
        // The same path loaded through another class loader (e.g. a second copy of these classes):
        // the library is in the process all the same.
        String m = String.valueOf(e.getMessage());
        if (!m.contains("already loaded in another classloader")) throw e;
      }
    }
    return dir.resolve(BundledFiles.OPENBLAS);
  }
}
