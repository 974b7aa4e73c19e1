package sparkprop.nn;

/** Receives each block's input gradient {@code x.g} as the pass computes it (it is never kept whole). */
@FunctionalInterface
public interface InputGradientSink {
  /**
   * @param rowIds ids of the chunk's rows; the block's column j is row {@code rowIds[first + j]}
   * @param first  index of the block's first row within the chunk
   * @param dx     m×B, the <em>unscaled</em> input gradient (multiply by 1/N for the seed's x.g);
   *               valid only during the call
   */
  void accept(long[] rowIds, int first, Matrix dx);
}
