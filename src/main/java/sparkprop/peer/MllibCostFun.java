package sparkprop.peer;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.apache.spark.ml.ann.ANNUpdater;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.Updater;
import org.apache.spark.rdd.RDD;
import scala.Tuple2;

/**
 * MLlib's loss and gradient at given weights, computed by MLlib itself: the very {@code DiffFunction}
 * that {@code MultilayerPerceptronClassifier}'s default solver ("l-bfgs") hands Breeze, Spark 4.2's
 * {@code org.apache.spark.mllib.optimization.LBFGS.CostFun} ({@code private} in Scala, public in bytecode).
 * Its {@code calculate}:
 *
 * <pre>
 *   (gradientSum, lossSum) = data.treeAggregate((0, 0))(             one (0.0, block) per stacked block
 *       seqOp  = (g, l) + block ↦ (g += ANNGradient(block), l + its loss),
 *       combOp = add, depth 2)
 *   loss     = lossSum / numExamples + regVal                         regVal = 0 with ANNUpdater
 *   gradient = (w − ANNUpdater(w, 0, step 1)) + (1/numExamples)·gradientSum     the first term is exactly 0
 * </pre>
 *
 * with {@code numExamples = data.count()} taken by {@code LBFGS.runLBFGS} on the stacked RDD: the number
 * of blocks, not of rows. {@code ANNGradient} itself scales each block by its own rows (the affine
 * layers' {@code grad}: dgemm with alpha {@code 1/input.cols}; the softmax loss: {@code / output.cols}).
 *
 * <p>javac honours the Scala {@code private} (it reads the class as a private member of {@code LBFGS}),
 * so the class is constructed through reflection; the JVM itself sees a public class and constructor.
 */
final class MllibCostFun {
  static final String CLASS = "org.apache.spark.mllib.optimization.LBFGS$CostFun";

  private MllibCostFun() {}

  /** MLlib's (loss, gradient) in MLlib's weight layout. */
  static Tuple2<Double, double[]> calculate(RDD<Tuple2<Object, org.apache.spark.mllib.linalg.Vector>> stacked,
      Gradient gradient, double[] weights, long numExamples) {
    // regParam 0: MultilayerPerceptronClassifier leaves LBFGS's default.
    DiffFunction<DenseVector<Object>> cost = costFun(stacked, gradient, new ANNUpdater(), 0.0, numExamples);
    Tuple2<Object, DenseVector<Object>> r = cost.calculate(new DenseVector<>(weights));
    double[] g = new double[weights.length];
    DenseVector<Object> v = r._2();
    for (int k = 0; k < g.length; k++) g[k] = (Double) v.apply(k);
    return new Tuple2<>((Double) r._1(), g);
  }

  @SuppressWarnings("unchecked")
  private static DiffFunction<DenseVector<Object>> costFun(RDD<?> data, Gradient gradient, Updater updater,
      double regParam, long numExamples) {
    try {
      Constructor<?> c = Class.forName(CLASS)
          .getConstructor(RDD.class, Gradient.class, Updater.class, double.class, long.class);
      return (DiffFunction<DenseVector<Object>>) c.newInstance(data, gradient, updater, regParam, numExamples);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new IllegalStateException("this Spark's MLlib has no " + CLASS + "(RDD, Gradient, Updater, double, long)"
          + " as Spark 4.2 has: the peer check follows MLlib 4.2's optimizer", e);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
