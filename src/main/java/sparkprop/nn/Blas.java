package sparkprop.nn;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The netlib BLAS that this JVM uses: native OpenBLAS through JNI ({@code JNIBLAS}) when the system
 * library loads, otherwise netlib's pure-Java fallback (VectorBLAS, Java11BLAS, F2jBLAS). It is the
 * same BLAS that Spark MLlib and Breeze use. {@code -Dsparkprop.blas=java} forces netlib's Java BLAS
 * (for results that must not depend on a native library's kernels, as in the seed's bit-for-bit test).
 */
public final class Blas {
  private static final BLAS INSTANCE =
      "java".equals(System.getProperty("sparkprop.blas")) ? dev.ludovic.netlib.blas.JavaBLAS.getInstance() : BLAS.getInstance();

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
}
