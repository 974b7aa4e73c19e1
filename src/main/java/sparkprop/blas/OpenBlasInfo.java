package sparkprop.blas;

import java.nio.file.Path;
import java.util.List;

/**
 * What an OpenBLAS that is loaded in this process says of itself, through its own exported functions:
 * its version ({@code openblas_get_config()}), the kernel set its run-time CPU dispatch chose
 * ({@code openblas_get_corename()}) and its threads per call ({@code openblas_get_num_threads()}).
 *
 * <p>Java 17 cannot call a C function without JNI ({@code java.lang.foreign} is final only from Java
 * 22; the Java 17 incubator needs JVM flags on every driver and executor), netlib's {@code JNIBLAS}
 * exposes BLAS routines only, JNA is not on Spark's class path and JavaCPP is kept out of the jar. So
 * the call goes through a few lines of JNI of sparkprop's own ({@code src/main/c/openblas_info.c}, built
 * by the pom where gcc is, shipped in the jar and extracted beside the bundled OpenBLAS). Best-effort:
 * any failure — another platform, a jar built without gcc, a library that is not OpenBLAS — gives
 * "unknown" and the reason, never an exception, and nothing here changes the library's state.
 */
final class OpenBlasInfo {
  static final String UNKNOWN = "unknown";
  /** The JNI library's resource in the jar. */
  static final String RESOURCE_DIR = "sparkprop/blas/";
  static final String LIBRARY = "libsparkprop-openblas-info.so";

  /** null once the JNI library is loaded; else why it is not. */
  private static String nativeProblem = "not loaded yet";
  private static boolean tried;

  final String version;
  final String coreName;
  /** Threads per call, or -1 when unknown. */
  final int threads;
  /** Why a field is unknown; empty when all are known. */
  final String problem;

  private OpenBlasInfo(String version, String coreName, int threads, String problem) {
    this.version = version;
    this.coreName = coreName;
    this.threads = threads;
    this.problem = problem;
  }

  /** Asks the OpenBLAS in {@code file}, which must be loaded in this process. */
  static OpenBlasInfo of(Path file) {
    String why = loadNative();
    if (why != null) return unknown("cannot ask OpenBLAS for its core: " + why);
    String[] answer;
    try {
      answer = query(MappedLibraries.realPath(file));
    } catch (RuntimeException | LinkageError e) {
      return unknown("cannot ask " + file + ": " + e);
    }
    if (answer == null) return unknown(file + " is not loaded in this process");
    String config = answer[1];
    if (config == null || !config.startsWith("OpenBLAS ")) return unknown(file + " is not OpenBLAS (no openblas_get_config)");
    String[] words = config.split("\\s+");
    String version = words.length > 1 ? words[1] : UNKNOWN;
    int threads = -1;
    try {
      if (answer[2] != null) threads = Integer.parseInt(answer[2]);
    } catch (NumberFormatException e) {
      // stays unknown
    }
    String core = answer[0] == null || answer[0].isEmpty() ? UNKNOWN : answer[0];
    return new OpenBlasInfo(version, core, threads, core.equals(UNKNOWN) ? "no openblas_get_corename" : "");
  }

  private static OpenBlasInfo unknown(String why) {
    return new OpenBlasInfo(UNKNOWN, UNKNOWN, -1, why);
  }

  /** Loads the JNI library once per JVM; null when it is loaded, else why not. */
  private static synchronized String loadNative() {
    if (tried) return nativeProblem;
    tried = true;
    try {
      List<BundledFiles.Entry> entries = BundledFiles.entries(OpenBlasInfo.class.getClassLoader(), RESOURCE_DIR,
          List.of(LIBRARY));
      System.load(BundledFiles.extract(entries, BundledFiles.defaultBase()).resolve(LIBRARY).toString());
      nativeProblem = null;
    } catch (Throwable e) { // an UnsatisfiedLinkError too: the core stays unknown, the job goes on
      nativeProblem = e.getMessage() != null && e.getMessage().contains("is not on the class path")
          ? "sparkprop was built without gcc (" + LIBRARY + " is not in the jar)" : e.toString();
    }
    return nativeProblem;
  }

  /** {corename, config, threads} as OpenBLAS returns them (null where missing); null when not loaded. */
  private static native String[] query(String library);
}
