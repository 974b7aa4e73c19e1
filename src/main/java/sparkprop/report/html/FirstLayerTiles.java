package sparkprop.report.html;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import sparkprop.check.CheckResult;
import sparkprop.compare.TensorComparison;
import sparkprop.nn.Tensor;

/**
 * The first layer's weight gradient as pictures: when the n0 inputs are a square image (784 =
 * 28×28), column j of w1's gradient — what unit j's incoming weights would change by — is a tile
 * of that image's shape, for the distributed gradient, the reference and their difference. At most
 * {@link #MAX_TILES} units are shown: the first ones in order, except that the units with the
 * largest differences are always among them.
 */
final class FirstLayerTiles {
  /** The three pictures of one unit. */
  enum Kind {
    DISTRIBUTED("Distributed: computed by Spark across the partitions"),
    REFERENCE("Reference: computed on a single node"),
    DIFFERENCE("|distributed − reference|, relative to the largest reference value");

    final String title;

    Kind(String title) {
      this.title = title;
    }
  }

  static final int MAX_TILES = 64;
  /** The units with the largest differences that are shown even beyond the first {@link #MAX_TILES}. */
  static final int MAX_WORST = 16;
  /** Each input pixel becomes a SCALE × SCALE square. */
  static final int SCALE = 3;

  final int side;
  final int units;
  /** The units shown, ascending. */
  final int[] shown;
  final DivergingScale values;
  final DifferenceScale difference;
  private final double[] a;
  private final double[] b;
  private final double maxAbsReference;
  /** Each element's absolute floor c·ε·S (w1 in C order), which widens its scale by floor/rtol. */
  private final double[] floors;
  private final double rtol;

  private FirstLayerTiles(int side, int units, double[] a, double[] b, double[] floors, double maxAbsReference, double rtol,
      String precision) {
    this.side = side;
    this.units = units;
    this.a = a;
    this.b = b;
    this.maxAbsReference = maxAbsReference;
    this.floors = floors;
    this.rtol = rtol;
    this.values = new DivergingScale(maxAbsReference);
    this.difference = new DifferenceScale(rtol, precision);
    this.shown = choose();
  }

  /** The tiles of this check, or null when its inputs are not a square image. */
  static FirstLayerTiles of(CheckResult r) {
    int side = squareSide(r.layout.inputs());
    if (side < 0) return null;
    Tensor w1 = r.layout.weight(1);
    double[] a = r.distributed.tensor(w1);
    double[] b = r.reference.tensor(w1);
    double max = 0;
    for (double v : b) if (Double.isFinite(v)) max = Math.max(max, Math.abs(v));
    double rtol = 1e-12;
    for (TensorComparison t : r.tensors) if (t.name.equals(w1.name)) rtol = t.rtol;
    return new FirstLayerTiles(side, w1.cols, a, b, ErrorSection.floors(r, w1), max, rtol, r.precision);
  }

  /** √n when n is a square of at least 2×2; else -1. */
  static int squareSide(int n) {
    int s = (int) Math.round(Math.sqrt(n));
    return s >= 2 && s * s == n ? s : -1;
  }

  /** Units left out of the grid. */
  int leftOut() {
    return units - shown.length;
  }

  /** max over the unit's column of ρ = |a−b| / (max|b| + floor/rtol) (∞ when an element is not finite). */
  double relativeDifference(int unit) {
    double worst = 0;
    for (int i = 0; i < side * side; i++) worst = Math.max(worst, rho(i, unit));
    return worst;
  }

  /** Unit j's tile, enlarged {@link #SCALE} times. */
  BufferedImage tile(Kind kind, int unit) {
    BufferedImage small = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < side * side; i++) {
      int k = i * units + unit; // element (pixel i, unit j) of w1 in C order
      int rgb;
      switch (kind) {
        case DISTRIBUTED: rgb = values.rgb(a[k]); break;
        case REFERENCE: rgb = values.rgb(b[k]); break;
        default: rgb = difference.rgb(rho(i, unit));
      }
      small.setRGB(i % side, i / side, rgb);
    }
    return Png.enlarge(small, SCALE);
  }

  ColourScale scale(Kind kind) {
    return kind == Kind.DIFFERENCE ? difference : values;
  }

  private double rho(int pixel, int unit) {
    int k = pixel * units + unit;
    double d = Math.abs(a[k] - b[k]);
    if (!Double.isFinite(d)) return Double.POSITIVE_INFINITY;
    if (d == 0) return 0;
    double scale = maxAbsReference + (floors[k] > 0 ? floors[k] / rtol : 0); // ρ ≤ rtol exactly when the check passes
    return scale > 0 ? d / scale : Double.POSITIVE_INFINITY;
  }

  /** The first units in order, plus up to MAX_WORST units whose difference is visible at all. */
  private int[] choose() {
    if (units <= MAX_TILES) {
      int[] all = new int[units];
      for (int j = 0; j < units; j++) all[j] = j;
      return all;
    }
    List<Integer> visible = new ArrayList<>();
    double[] worst = new double[units];
    for (int j = 0; j < units; j++) {
      worst[j] = relativeDifference(j);
      if (worst[j] >= difference.floor()) visible.add(j);
    }
    visible.sort(Comparator.comparingDouble((Integer j) -> -worst[j]).thenComparingInt(j -> j));
    TreeSet<Integer> chosen = new TreeSet<>(visible.subList(0, Math.min(MAX_WORST, visible.size())));
    for (int j = 0; chosen.size() < MAX_TILES; j++) chosen.add(j);
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }
}
