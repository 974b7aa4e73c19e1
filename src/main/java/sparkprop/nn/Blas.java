package sparkprop.nn;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import sparkprop.blas.BlasInfo;
import sparkprop.blas.BundledOpenBlas;

/**
 * The netlib BLAS that this JVM uses: native OpenBLAS through JNI ({@code JNIBLAS}) — the OpenBLAS
 * bundled in sparkprop.jar, else the system's libblas.so.3 — otherwise netlib's pure-Java fallback
 * (VectorBLAS, Java11BLAS, F2jBLAS). It is the same BLAS that Spark MLlib and Breeze use. Which one
 * and why: {@link sparkprop.blas.BlasInfo#current()}. {@code -Dsparkprop.blas=java} forces netlib's
 * Java BLAS (for results that must not depend on a native library's kernels, as in the seed's
 * bit-for-bit test).
 */
public final class Blas {
  private static final BLAS INSTANCE;

  static {
    if ("java".equals(System.getProperty("sparkprop.blas"))) {
      INSTANCE = dev.ludovic.netlib.blas.JavaBLAS.getInstance();
    } else {
      BundledOpenBlas.install(); // before netlib starts: it reads the library path once
      INSTANCE = BLAS.getInstance();
    }
  }

  private Blas() {}

  public static BLAS get() {
    return INSTANCE;
  }

  /** The implementation's class name, e.g. "JNIBLAS" or "VectorBLAS". */
  public static String implementation() {
    return INSTANCE.getClass().getSimpleName();
  }

  public static boolean isNative() {
    return INSTANCE instanceof NativeBLAS;
  }

  /** Which library, version and OpenBLAS core ran; null when netlib runs its Java BLAS. */
  public static BlasInfo nativeInfo() {
    return isNative() ? BlasInfo.current() : null;
  }

  /** One line for reports: the implementation, and for a native BLAS its library, version and core. */
  public static String describe() {
    return isNative() ? BlasInfo.current().describe() : implementation() + " (Java, not native)";
  }
}
