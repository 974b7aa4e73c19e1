package sparkprop.report.html;

import java.util.Random;
import sparkprop.aggregate.GradientSum;
import sparkprop.aggregate.Gradients;
import sparkprop.aggregate.PartitionRecord;
import sparkprop.aggregate.TaskPlace;
import sparkprop.check.CheckResult;
import sparkprop.compare.TensorComparison;
import sparkprop.compare.Tolerances;
import sparkprop.nn.Precision;
import sparkprop.nn.Activation;
import sparkprop.nn.Architecture;
import sparkprop.nn.Layout;
import sparkprop.nn.LossKind;
import sparkprop.nn.Tensor;

/** A {@link CheckResult} made up without Spark: a reference, a distributed gradient off by rounding, and optionally one corrupted element. */
public final class SyntheticCheck {
  private SyntheticCheck() {}

  /**
   * @param faultUnit the w1 column whose largest element is corrupted by 1e-4 of itself; -1 for none
   */
  public static CheckResult of(int[] sizes, int partitions, int faultUnit) {
    Layout layout = new Layout(sizes);
    Random random = new Random(7);
    double[] b = new double[layout.size()];
    for (int k = 0; k < b.length; k++) b[k] = random.nextGaussian() * 1e-2;
    double[] a = b.clone();
    for (int k = 0; k < a.length; k += 3) a[k] = Math.nextUp(a[k]); // rounding-sized differences
    Tensor w1 = layout.weight(1);
    if (faultUnit >= 0) {
      int at = w1.offset + faultUnit * w1.rows; // θ is column-major: column j starts at offset + j·rows
      int worst = at;
      for (int i = at; i < at + w1.rows; i++) if (Math.abs(b[i]) > Math.abs(b[worst])) worst = i;
      a[worst] = b[worst] * (1 + 1e-4);
    }
    CheckResult r = new CheckResult();
    r.data = "data/mnist-sample";
    r.rows = 2000;
    r.referenceRows = 2000;
    r.partitions = partitions;
    r.precision = "float64";
    r.blockRows = 1024;
    r.layout = layout;
    r.architecture = new Architecture(Activation.RELU, LossKind.MSE);
    r.init = "randn";
    r.treeDepth = 2;
    r.blas = "JavaBLAS";
    r.sparkVersion = "4.2.0";
    r.sparkMaster = "local[2]";
    r.applicationId = "local-1";
    r.reference = new Gradients(layout, b, 0.5, 2000);
    r.distributed = new Gradients(layout, a, 0.5, 2000);
    double[] s = new double[b.length];
    for (int k = 0; k < s.length; k++) s[k] = 3 * Math.abs(b[k]); // the terms mostly agree in sign
    r.referenceAbsoluteTerms = new Gradients(layout, s, 0.5, 2000);
    r.tolerances = Tolerances.of(Precision.FLOAT64);
    r.tensors.addAll(TensorComparison.of(r.distributed, r.reference, r.referenceAbsoluteTerms, r.tolerances));
    for (int p = 0; p < partitions; p++) {
      GradientSum sum = new GradientSum(layout, new double[layout.size()], 1.0, 2000 / partitions, 1);
      r.partitionRecords.add(new PartitionRecord(p, new TaskPlace(String.valueOf(p % 2), "host-" + (p % 2), 0), sum,
          100 + p, null, null, false));
    }
    r.timingsMillis.put("total", 1234L);
    return r;
  }

  private static long[] shape(Tensor t) {
    int[] s = t.numpyShape();
    long[] out = new long[s.length];
    for (int k = 0; k < s.length; k++) out[k] = s[k];
    return out;
  }
}
