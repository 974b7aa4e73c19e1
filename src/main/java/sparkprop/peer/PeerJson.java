package sparkprop.peer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkprop.Json.NonFiniteAsString;
import sparkprop.aggregate.Gradients;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.TensorComparison;

/**
 * report.json's {@code "peer"} object: the peer's comparison for machines (documented in the README).
 * Its numbers predate the rule that writes NaN and ±∞ as null, and keep the strings ({@link sparkprop.Json}).
 *
 * @param relativeDiff max gap / max element over every parameter
 */
public record PeerJson(String against, String sparkVersion, boolean pass, String subject, boolean agrees,
    boolean reweightedAgrees, String explanation, int blockSize, long rows, long blocks, boolean blocksEqual,
    Paths relativeDiff, Losses loss, Map<String, Tensor> tensors, List<Partition> partitions) {

  /** The same measure on each path. */
  public record Paths(@NonFiniteAsString double distributed, @NonFiniteAsString double mllib,
      @NonFiniteAsString double reweighted) {}

  public record Losses(@NonFiniteAsString double mllib, @NonFiniteAsString double reweighted,
      @NonFiniteAsString double distributed, @NonFiniteAsString double reference) {}

  /** MLlib's tensor against the reference; {@code reweighted}: the same after re-weighting by block rows. */
  public record Tensor(long[] shape, @NonFiniteAsString double maxAbsDiff, @NonFiniteAsString double maxAbsReference,
      @NonFiniteAsString double relativeDiff, @NonFiniteAsString double rtol, boolean pass, Comparison reweighted) {}

  public record Comparison(@NonFiniteAsString double maxAbsDiff, @NonFiniteAsString double maxAbsReference,
      @NonFiniteAsString double relativeDiff, @NonFiniteAsString double rtol, boolean pass) {
    static Comparison of(TensorComparison t) {
      Discrepancy d = t.discrepancy;
      return new Comparison(d.maxAbsDiff(), d.maxAbsReference(), d.relative(), t.rtol, t.pass);
    }
  }

  /** @param blocks e.g. "128×7 + 104" */
  public record Partition(int partition, int[] blockRows, int rows, String blocks) {}

  /** The peer's result; distributed and reference are the check's own. */
  public static PeerJson of(PeerResult p, Gradients distributed, Gradients reference) {
    MllibMeasurement m = p.measured;
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int k = 0; k < p.tensors.size(); k++) {
      TensorComparison t = p.tensors.get(k);
      Comparison c = Comparison.of(t);
      tensors.put(t.name, new Tensor(t.shape, c.maxAbsDiff, c.maxAbsReference, c.relativeDiff, c.rtol, c.pass,
          Comparison.of(p.reweighted.get(k))));
    }
    List<Partition> partitions = new ArrayList<>();
    for (int q = 0; q < m.blockRows.size(); q++) {
      int[] sizes = m.blockRows.get(q);
      int rows = 0;
      for (int b : sizes) rows += b;
      partitions.add(new Partition(q, sizes, rows, m.describe(q)));
    }
    return new PeerJson(PeerOptions.MLLIB, m.sparkVersion, p.pass(), "MLlib's gradient", p.agrees(), p.reweightedAgrees(),
        p.explanation(), m.blockSize, m.rows, m.blocks, m.blocksEqual(),
        new Paths(Discrepancy.of(distributed.gradient(), reference.gradient()).relative(), p.whole.relative(),
            p.reweightedWhole.relative()),
        new Losses(m.mllib.loss, m.reweighted.loss, distributed.loss, reference.loss), tensors, partitions);
  }
}
