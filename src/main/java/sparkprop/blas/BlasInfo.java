package sparkprop.blas;

import java.io.Serializable;
import java.util.Objects;

/**
 * Which BLAS this JVM's netlib runs and why: the answer of {@link BundledOpenBlas#install()}, fixed once
 * per JVM. Immutable and serializable, so that Spark tasks can return it from executors
 * ({@link BlasProbe#fromExecutors}).
 *
 * <p>{@code library} is the absolute path of the bundled {@code libopenblas.so.0} when that runs,
 * {@link #SYSTEM} when netlib loaded the system's {@code libblas.so.3} (or a path set by the user through
 * {@code dev.ludovic.netlib.blas.nativeLibPath}: then that path), and {@link #JAVA} for netlib's
 * pure-Java fallback. {@code version}, {@code coreName} and {@code threads} describe the OpenBLAS behind
 * it ("unknown" / -1 when it is not OpenBLAS or could not be read, "" / 0 for Java).
 */
public final class BlasInfo implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String SYSTEM = "system libblas.so.3";
  public static final String JAVA = "java";

  /** Where the library came from. */
  public enum Source {
    /** The OpenBLAS shipped inside sparkprop.jar, extracted and loaded by {@link BundledOpenBlas}. */
    BUNDLED,
    /** A native BLAS of the system's (libblas.so.3), or the one named by the user's nativeLibPath. */
    SYSTEM,
    /** netlib's pure-Java BLAS (VectorBLAS, Java11BLAS or F2jBLAS). */
    JAVA
  }

  /** netlib's implementation class, e.g. "JNIBLAS" (native) or "VectorBLAS". */
  public final String implementation;
  public final Source source;
  /** Absolute path of the loaded library, {@link #SYSTEM}, or {@link #JAVA}. */
  public final String library;
  /** The file that holds OpenBLAS's kernels (for the system BLAS: what libblas.so.3 resolves to), or "". */
  public final String file;
  /** OpenBLAS version, e.g. "0.3.31"; "unknown" when not OpenBLAS or unreadable; "" for Java. */
  public final String version;
  /** The kernel set OpenBLAS's CPU dispatch chose, as openblas_get_corename() names it, e.g. "Cooperlake". */
  public final String coreName;
  /** Threads OpenBLAS uses per call (its blas_cpu_number); -1 unknown; 0 for Java. */
  public final int threads;
  /** Why this BLAS runs: what was tried before it and how that failed. */
  public final String reason;

  BlasInfo(String implementation, Source source, String library, String file, String version, String coreName,
      int threads, String reason) {
    this.implementation = Objects.requireNonNull(implementation);
    this.source = Objects.requireNonNull(source);
    this.library = Objects.requireNonNull(library);
    this.file = Objects.requireNonNull(file);
    this.version = Objects.requireNonNull(version);
    this.coreName = Objects.requireNonNull(coreName);
    this.threads = threads;
    this.reason = Objects.requireNonNull(reason);
  }

  /** This JVM's BLAS; installs the bundled OpenBLAS first if nothing has yet ({@link BundledOpenBlas#install()}). */
  public static BlasInfo current() {
    return BundledOpenBlas.install();
  }

  public boolean isNative() {
    return source != Source.JAVA;
  }

  /**
   * One line for reports and logs, e.g. {@code JNIBLAS: bundled OpenBLAS 0.3.31, core Cooperlake, 1 thread
   * (/tmp/sparkprop-openblas-ann/3f…/libopenblas.so.0)} or {@code VectorBLAS: java (no native BLAS: …)}.
   */
  public String describe() {
    if (source == Source.JAVA) return implementation + ": java (" + reason + ")";
    StringBuilder b = new StringBuilder(implementation).append(": ");
    b.append(source == Source.BUNDLED ? "bundled " : "system ");
    b.append(version.equals(OpenBlasInfo.UNKNOWN) ? "BLAS of unknown version" : "OpenBLAS " + version);
    b.append(", core ").append(coreName);
    if (threads >= 0) b.append(", ").append(threads).append(threads == 1 ? " thread" : " threads");
    b.append(" (").append(source == Source.BUNDLED || file.isEmpty() ? library : library + " → " + file).append(')');
    return b.toString();
  }

  @Override
  public String toString() {
    return describe() + "; " + reason;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BlasInfo)) return false;
    BlasInfo i = (BlasInfo) o;
    return implementation.equals(i.implementation) && source == i.source && library.equals(i.library)
        && file.equals(i.file) && version.equals(i.version) && coreName.equals(i.coreName) && threads == i.threads
        && reason.equals(i.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(implementation, source, library, file, version, coreName, threads, reason);
  }
}
