package sparkprop.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sparkprop.LocalSpark;
import sparkprop.compare.TensorComparison;
import sparkprop.nn.Activation;
import sparkprop.nn.Init;
import sparkprop.nn.LossKind;
import sparkprop.nn.Precision;
import sparkprop.nn.Tensor;

/**
 * Deep networks through the whole check in local Spark: the distributed gradient of every layer equals
 * the single-node reference for 1, 2, 3 and 7 partitions and for more partitions than rows, with
 * every activation and both losses, in both precisions; and the fault self-test names whichever
 * layer's tensor it corrupts.
 */
class DeepNetworkCheckTest {
  static List<Object[]> networks() {
    List<Object[]> out = new ArrayList<>();
    for (Activation a : Activation.values()) {
      for (LossKind loss : LossKind.values()) out.add(new Object[] {a, loss});
    }
    return out;
  }

  private static CheckOptions options(Activation a, LossKind loss, int partitions, long limit) {
    CheckOptions o = new CheckOptions();
    o.data.limit = limit;
    o.data.partitions = partitions;
    o.model.layers = new int[] {784, 16, 12, 10};
    o.model.activation = a;
    o.model.loss = loss;
    o.model.init = Init.KAIMING;
    o.model.blockRows = 64;
    o.fdDirections = 2;
    return o;
  }

  private static void assertPasses(CheckResult r, String what) {
    assertTrue(r.pass(), what + ": " + r.failures());
    List<String> names = new ArrayList<>();
    for (TensorComparison t : r.tensors) names.add(t.name);
    assertEquals(List.of("w1", "b1", "w2", "b2", "w3", "b3", "loss", "input"), names, what);
    assertTrue(r.finiteDifference.pass, what);
  }

  @ParameterizedTest
  @MethodSource("networks")
  void distributedEqualsReferenceForOneTwoThreeAndSevenPartitions(Activation a, LossKind loss) {
    for (int p : new int[] {1, 2, 3, 7}) {
      CheckResult r = CheckJob.run(LocalSpark.context(), options(a, loss, p, 300));
      assertPasses(r, a.label() + "/" + loss.label() + " at " + p + " partitions");
      assertEquals(300, r.rows);
    }
  }

  @Test
  void morePartitionsThanRowsLeavesEmptyPartitionsAndTheSameGradient() {
    CheckResult r = CheckJob.run(LocalSpark.context(), options(Activation.TANH, LossKind.CROSS_ENTROPY, 8, 5));
    assertPasses(r, "5 rows in 8 partitions");
    assertTrue(r.partitionRecords.stream().anyMatch(p -> p.rows == 0), "some partition must be empty");
  }

  @Test
  void float32DeepNetworksAgreeWithTheirReference() {
    CheckOptions o = options(Activation.SIGMOID, LossKind.CROSS_ENTROPY, 3, 300);
    o.model.precision = Precision.FLOAT32;
    assertPasses(CheckJob.run(LocalSpark.context(), o), "float32");
  }

  /** A flipped mantissa bit in any layer's partial fails exactly that tensor. */
  @Test
  void anInjectedFaultInAnyLayerIsNamed() {
    for (String tensor : new String[] {"w1", "w2", "b3"}) {
      CheckOptions o = options(Activation.RELU, LossKind.CROSS_ENTROPY, 3, 300);
      o.injectFault = 1;
      o.faultTensor = tensor;
      CheckResult r = CheckJob.run(LocalSpark.context(), o);
      assertFalse(r.pass(), tensor);
      for (TensorComparison t : r.tensors) assertEquals(!t.name.equals(tensor), t.pass, tensor + " injected, " + t.name);
    }
  }

  /** --verify-partitions and --reference-rows work for any depth and loss as for the seed's model. */
  @Test
  void verifyPartitionsAndReferenceRowsWorkForDeepNetworks() {
    CheckOptions o = options(Activation.TANH, LossKind.CROSS_ENTROPY, 3, 600);
    o.verifyPartitions = true;
    o.referenceRows = 200;
    CheckResult r = CheckJob.run(LocalSpark.context(), o);
    assertPasses(r, "verify-partitions with a 200-row reference");
    assertEquals(3, r.verification.partitionsChecked);
    assertTrue(r.verification.pass());
    assertEquals(200, r.referenceRows);
    assertEquals(600, r.fullGradient().rows, "gradients.npz holds the gradient over every row");
  }

  /** The report's tensors are the layout's, in θ order, with NumPy's shapes. */
  @Test
  void tensorsFollowTheLayout() {
    CheckResult r = CheckJob.run(LocalSpark.context(), options(Activation.RELU, LossKind.MSE, 2, 100));
    int k = 0;
    for (Tensor t : r.layout.tensors()) {
      TensorComparison c = r.tensors.get(k++);
      assertEquals(t.name, c.name);
      assertEquals(t.numpyShape().length, c.shape.length);
      for (int d = 0; d < c.shape.length; d++) assertEquals(t.numpyShape()[d], c.shape[d]);
    }
  }
}
