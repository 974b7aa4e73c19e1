package sparkprop.nn;

/** The seed's {@code Relu}: {@code out = max(inp, 0)}; {@code inp.g = (inp > 0) · out.g}. */
public final class Relu {
  private Relu() {}

  /** @param out n×B, written; @param inp n×B */
  public static void forward(Matrix out, Matrix inp) {
    out.relu(inp);
  }

  /** @param dinp n×B, written; @param dout n×B; @param inp n×B, the forward input */
  public static void backward(Matrix dinp, Matrix dout, Matrix inp) {
    dinp.reluMask(inp, dout);
  }
}
