package sparkprop.train;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.LBFGS;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sparkprop.read.npz.NpyArray;
import sparkprop.read.npz.NpzReader;
import sparkprop.read.npz.NpzWriter;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * Breeze's {@code breeze.optimize.LBFGS} driving the distributed gradient as its {@code DiffFunction},
 * as Spark MLlib's {@code ml.ann} does. One step is one L-BFGS iteration: a direction from the
 * last {@code m} corrections, then a line search that evaluates the loss and gradient as often as it
 * needs (usually once). The history row records the loss at θ before the iteration.
 *
 * <p>The checkpointed state is {@code lbfgs-state.npz}: Breeze's own iteration state (θ, value,
 * gradient, the correction pairs) as float64 arrays, so that a resumed run takes exactly the
 * iterations an uninterrupted one would.
 */
final class Lbfgs implements Optimizer {
  static final String FILE = "lbfgs-state.npz";

  private final LBFGS<DenseVector<Object>> lbfgs;
  private final int corrections;
  private FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> state;
  private Iterator<FirstOrderMinimizer.State<DenseVector<Object>, Object, Object>> iterations;
  /** The evaluator the current Breeze function calls; set before each step. */
  private Evaluator evaluator;
  private long currentStep;
  private Objective.Value last;

  @SuppressWarnings("unchecked")
  Lbfgs(int corrections) {
    this.corrections = corrections;
    this.lbfgs = new LBFGS<>(Integer.MAX_VALUE, corrections, 0.0, DenseVector.space_Double());
  }

  @Override
  public Objective.Value step(long step, double[] theta, Evaluator f) {
    evaluator = f;
    currentStep = step;
    if (iterations == null) {
      DiffFunction<DenseVector<Object>> fn = function();
      if (state == null) state = lbfgs.initialState(fn, vector(theta));
      iterations = lbfgs.infiniteIterations(fn, state);
      iterations.next(); // infiniteIterations yields the state it starts from first
    }
    double[] before = array(state.x());
    Objective.Value atBefore = last != null && java.util.Arrays.equals(before, theta) ? last : f.at(theta, step);
    state = iterations.next();
    System.arraycopy(array(state.x()), 0, theta, 0, theta.length);
    return atBefore;
  }

  private DiffFunction<DenseVector<Object>> function() {
    return ScalaDiffFunction.of(x -> {
      Objective.Value v = evaluator.at(array(x), currentStep);
      last = v;
      return new Tuple2<>(v.gradients.loss, vector(v.gradients.gradient()));
    });
  }

  private static DenseVector<Object> vector(double[] values) {
    return new DenseVector<Object>((Object) values.clone());
  }

  /** A copy of v's elements, read from its backing array (not element by element through a boxed apply). */
  private static double[] array(DenseVector<Object> v) {
    double[] data = (double[]) v.data();
    int n = v.length();
    int offset = v.offset();
    int stride = v.stride();
    if (stride == 1) return java.util.Arrays.copyOfRange(data, offset, offset + n);
    double[] out = new double[n];
    for (int k = 0; k < n; k++) out[k] = data[offset + k * stride];
    return out;
  }

  /**
   * Breeze's state as NumPy arrays: x, its value and gradient (adjusted and not), the iteration, the
   * initial value, and the correction pairs (s_i, y_i) oldest first. The convergence bookkeeping is not
   * kept: infiniteIterations never stops on it, so it cannot change the iterates.
   */
  @Override
  public Map<String, byte[]> state() {
    Map<String, byte[]> out = new HashMap<>();
    if (state == null) return out;
    LBFGS.ApproximateInverseHessian<DenseVector<Object>> h = history(state);
    List<NpyArray> arrays = new ArrayList<>();
    int n = state.x().length();
    arrays.add(NpyArray.of("x", new int[] {n}, array(state.x())));
    arrays.add(NpyArray.of("grad", new int[] {n}, array(state.grad())));
    arrays.add(NpyArray.of("adjusted_grad", new int[] {n}, array(state.adjustedGradient())));
    arrays.add(NpyArray.of("scalars", new int[] {4},
        new double[] {state.value(), state.adjustedValue(), state.iter(), state.initialAdjVal()}));
    int pairs = h.memStep().length();
    double[] steps = new double[pairs * n];
    double[] deltas = new double[pairs * n];
    for (int k = 0; k < pairs; k++) {
      System.arraycopy(array(h.memStep().apply(k)), 0, steps, k * n, n);
      System.arraycopy(array(h.memGradDelta().apply(k)), 0, deltas, k * n, n);
    }
    arrays.add(NpyArray.of("mem_step", new int[] {pairs, n}, steps));
    arrays.add(NpyArray.of("mem_grad_delta", new int[] {pairs, n}, deltas));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    NpzWriter.write(b, arrays);
    out.put(FILE, b.toByteArray());
    return out;
  }

  @Override
  public void restore(Map<String, byte[]> saved) {
    byte[] bytes = saved.get(FILE);
    if (bytes == null) return;
    Map<String, NpyArray> a = NpzReader.read(new ByteArrayInputStream(bytes), FILE);
    double[] scalars = a.get("scalars").data();
    int n = a.get("x").size();
    int pairs = a.get("mem_step").dim(0);
    double[] steps = a.get("mem_step").data();
    double[] deltas = a.get("mem_grad_delta").data();
    scala.collection.immutable.IndexedSeq<DenseVector<Object>> memStep = seq(steps, pairs, n);
    scala.collection.immutable.IndexedSeq<DenseVector<Object>> memGradDelta = seq(deltas, pairs, n);
    Object history = new LBFGS.ApproximateInverseHessian<>(corrections, memStep, memGradDelta, DenseVector.space_Double());
    state = new FirstOrderMinimizer.State<>(vector(a.get("x").data()), scalars[0], vector(a.get("grad").data()),
        scalars[1], vector(a.get("adjusted_grad").data()), (int) scalars[2], scalars[3], history,
        lbfgs.convergenceCheck().initialInfo(), false, scala.Option.empty());
    iterations = null;
  }

  @SuppressWarnings("unchecked")
  private static LBFGS.ApproximateInverseHessian<DenseVector<Object>> history(
      FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> s) {
    return (LBFGS.ApproximateInverseHessian<DenseVector<Object>>) s.history();
  }

  private static scala.collection.immutable.IndexedSeq<DenseVector<Object>> seq(double[] flat, int pairs, int n) {
    List<DenseVector<Object>> list = new ArrayList<>();
    for (int k = 0; k < pairs; k++) list.add(vector(java.util.Arrays.copyOfRange(flat, k * n, (k + 1) * n)));
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toIndexedSeq();
  }
}
