package sparkprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import sparkprop.nn.Architecture;
import sparkprop.nn.GradientPass;
import sparkprop.nn.LossKind;
import sparkprop.nn.Matrix;
import sparkprop.nn.Network;
import sparkprop.nn.Parameters;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;
import sparkprop.rows.RowChunk;

/**
 * A model.onnx run by ONNX Runtime against sparkprop's own float64 forward pass at the same weights:
 * every output within {@link #TOLERANCE} of the largest |output|, and the same predicted class wherever
 * sparkprop's top two outputs differ by more than that.
 */
public final class OnnxRuntimeComparison {
  public static final double TOLERANCE = 1e-5;

  /** What a comparison found: the largest gap relative to the largest |output|, and how many rows' classes were compared. */
  public record Found(double relativeGap, int classesCompared, int rows) {}

  private OnnxRuntimeComparison() {}

  /** sparkprop's outputs for the rows, outputs × rows: the network's last layer, through softmax for cross-entropy. */
  public static double[][] sparkprop(Parameters p, Architecture a, RowChunk rows) {
    GradientPass pass = new GradientPass(new Network(p, a, Precision.FLOAT64), rows.count, PixelScale.BYTE, false);
    Matrix out = pass.outputs(rows, 0, rows.count);
    int n = out.rows();
    double[][] y = new double[rows.count][n];
    for (int j = 0; j < rows.count; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) max = Math.max(max, out.get(i, j));
      double sum = 0;
      for (int i = 0; i < n; i++) {
        y[j][i] = a.loss == LossKind.CROSS_ENTROPY ? Math.exp(out.get(i, j) - max) : out.get(i, j);
        sum += y[j][i];
      }
      if (a.loss == LossKind.CROSS_ENTROPY) for (int i = 0; i < n; i++) y[j][i] /= sum;
    }
    return y;
  }

  /** ONNX Runtime's outputs for the rows, fed pixels / 255 as float32. */
  public static float[][] onnxRuntime(byte[] model, RowChunk rows) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    float[][] x = new float[rows.count][rows.width];
    for (int j = 0; j < rows.count; j++) {
      for (int i = 0; i < rows.width; i++) x[j][i] = (float) ((rows.pixels[j * rows.width + i] & 0xff) / 255.0);
    }
    try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, x);
        OrtSession.Result result = session.run(Map.of(OnnxModel.INPUT, input))) {
      return (float[][]) result.get(OnnxModel.OUTPUT).orElseThrow().getValue();
    }
  }

  /** Asserts the agreement the class comment states; returns what it measured. */
  public static Found assertAgree(byte[] model, Parameters p, Architecture a, RowChunk rows) throws OrtException {
    double[][] want = sparkprop(p, a, rows);
    float[][] got = onnxRuntime(model, rows);
    assertEquals(rows.count, got.length);
    double largest = 0;
    for (double[] row : want) for (double v : row) largest = Math.max(largest, Math.abs(v));
    double gap = 0;
    int compared = 0;
    for (int j = 0; j < rows.count; j++) {
      assertEquals(want[j].length, got[j].length, "outputs per row");
      for (int i = 0; i < want[j].length; i++) gap = Math.max(gap, Math.abs(got[j][i] - want[j][i]));
      if (want[j].length > 1) {
        int top = argmax(want[j]);
        double second = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < want[j].length; i++) if (i != top) second = Math.max(second, want[j][i]);
        if (want[j][top] - second > TOLERANCE) {
          compared++;
          assertEquals(top, argmax(got[j]), "row " + j + ": the predicted class");
        }
      }
    }
    assertTrue(gap <= TOLERANCE * largest, "ONNX Runtime's outputs differ by up to " + gap + ", more than " + TOLERANCE
        + " × the largest |output| " + largest);
    return new Found(gap / largest, compared, rows.count);
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }
}
