package sparkprop.pass;

import java.io.Serializable;
import sparkprop.nn.Architecture;
import sparkprop.nn.PixelScale;
import sparkprop.nn.Precision;

/**
 * How a distributed gradient pass runs, the same on every partition; θ is not part of it: {@link DistributedPass}
 * ships θ inside the tasks when they are few, else as a broadcast.
 */
public final class PassSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  public final Architecture architecture;
  public final Precision precision;
  public final int blockRows;
  public final PixelScale scale;
  /** Depth of the aggregation tree (2 is Spark's default for treeAggregate). */
  public final int treeDepth;
  /** Whether each partition's record keeps a copy of its partial sums ({@code --verify-partitions}). */
  public final boolean keepPartials;

  public PassSettings(Architecture architecture, Precision precision, int blockRows, PixelScale scale, int treeDepth,
      boolean keepPartials) {
    this.architecture = architecture;
    this.precision = precision;
    this.blockRows = blockRows;
    this.scale = scale;
    this.treeDepth = treeDepth;
    this.keepPartials = keepPartials;
  }

  public PassSettings keepingPartials(boolean keep) {
    return new PassSettings(architecture, precision, blockRows, scale, treeDepth, keep);
  }
}
