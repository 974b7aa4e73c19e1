package sparkprop.peer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sparkprop.aggregate.Gradients;
import sparkprop.compare.Discrepancy;
import sparkprop.compare.TensorComparison;

/** report.json's {@code "peer"} object: the peer's comparison for machines (documented in the README). */
public final class PeerJson {
  private PeerJson() {}

  /** Fills {@code n} with the peer's result; distributed and reference are the check's own. */
  public static void write(ObjectNode n, PeerResult p, Gradients distributed, Gradients reference) {
    MllibMeasurement m = p.measured;
    n.put("against", PeerOptions.MLLIB);
    n.put("spark_version", m.sparkVersion);
    n.put("pass", p.pass());
    n.put("subject", "MLlib's gradient");
    n.put("agrees", p.agrees());
    n.put("reweighted_agrees", p.reweightedAgrees());
    n.put("explanation", p.explanation());
    n.put("block_size", m.blockSize);
    n.put("rows", m.rows);
    n.put("blocks", m.blocks);
    n.put("blocks_equal", m.blocksEqual());

    ObjectNode rel = n.putObject("relative_diff"); // max gap / max element over every parameter
    rel.put("distributed", Discrepancy.of(distributed.theta(), reference.theta()).relative());
    rel.put("mllib", p.whole.relative());
    rel.put("reweighted", p.reweightedWhole.relative());
    ObjectNode loss = n.putObject("loss");
    loss.put("mllib", m.mllib.loss);
    loss.put("reweighted", m.reweighted.loss);
    loss.put("distributed", distributed.loss);
    loss.put("reference", reference.loss);

    ObjectNode tensors = n.putObject("tensors");
    for (int k = 0; k < p.tensors.size(); k++) {
      TensorComparison t = p.tensors.get(k);
      ObjectNode e = tensors.putObject(t.name);
      ArrayNode shape = e.putArray("shape");
      for (long d : t.shape) shape.add(d);
      comparison(e, t);
      comparison(e.putObject("reweighted"), p.reweighted.get(k));
    }

    ArrayNode parts = n.putArray("partitions");
    for (int q = 0; q < m.blockRows.size(); q++) {
      ObjectNode e = parts.addObject();
      e.put("partition", q);
      int rows = 0;
      ArrayNode sizes = e.putArray("block_rows");
      for (int b : m.blockRows.get(q)) {
        sizes.add(b);
        rows += b;
      }
      e.put("rows", rows);
      e.put("blocks", m.describe(q));
    }
  }

  private static void comparison(ObjectNode e, TensorComparison t) {
    e.put("max_abs_diff", t.discrepancy.maxAbsDiff());
    e.put("max_abs_reference", t.discrepancy.maxAbsReference());
    e.put("relative_diff", t.discrepancy.relative());
    e.put("rtol", t.rtol);
    e.put("pass", t.pass);
  }
}
