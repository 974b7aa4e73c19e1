package sparkprop.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import sparkprop.LocalSpark;
import sparkprop.check.CheckJob;
import sparkprop.check.CheckOptions;
import sparkprop.check.CheckResult;
import sparkprop.cli.CheckCommand;
import sparkprop.nn.Tensor;

/**
 * The measurement that {@link Tolerances#FLOOR_C} was chosen from (a harness run by hand, not a test):
 * {@code check} in-process over partition counts and both precisions, for the options given. Per tensor
 * two numbers in units of ε·S: {@code raw} = max |a−b| / (ε·S), the rounding itself, and {@code need} =
 * max (|a−b| − rtol·max|b|)⁺ / (ε·S), the c this case needs (what the relative part leaves to the
 * floor). The input gradient is compared inside the partitions: for it only {@code raw} and whether it
 * passed. The finite differences' {@code need} is max (|fd − ⟨∇L,u⟩| − rtol·‖∇L‖)⁺ over the floor / c.
 * With a fault ({@code --inject-fault MID}: partition P/2) the line says whether it was caught and how
 * many floors (c·ε·S of its element) the faulted element's difference is.
 *
 * <pre>
 *   java -cp target/test-classes:target/classes:$(cat cp.txt) sparkprop.compare.FloorMeasurement \
 *       NAME 'CHECK OPTIONS…' [P,P,…] [float64,float32]
 * </pre>
 */
public final class FloorMeasurement {
  public static void main(String[] args) {
    String name = args[0];
    List<String> options = new ArrayList<>(Arrays.asList(args[1].trim().split("\\s+")));
    int[] partitions = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {1, 2, 3, 7, 16, 60, 100};
    String[] precisions = args.length > 3 ? args[3].split(",") : new String[] {"float64", "float32"};
    for (String precision : precisions) {
      for (int p : partitions) {
        List<String> all = new ArrayList<>(List.of("--precision", precision, "--partitions", String.valueOf(p)));
        for (String o : options) all.add(o.equals("MID") ? String.valueOf(p / 2) : o);
        CheckOptions o = CheckCommand.parseOptions(all.toArray(new String[0]));
        CheckResult r = CheckJob.run(LocalSpark.context(), o);
        System.out.println(line(name, precision, p, o, r));
      }
    }
    System.exit(0);
  }

  private static String line(String name, String precision, int p, CheckOptions o, CheckResult r) {
    Tolerances tol = r.tolerances;
    double eps = tol.unitRoundoff;
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s\t%s\tP=%d\t%s", name, precision, p,
        r.pass() ? "pass" : "FAIL"));
    for (Tensor t : r.layout.tensors()) {
      b.append('\t').append(t.name).append(' ').append(ratios(r.distributed.tensor(t), r.reference.tensor(t),
          r.referenceAbsoluteTerms.tensor(t), tol.gradientRtol, eps));
    }
    b.append("\tloss ").append(ratios(new double[] {r.distributed.loss}, new double[] {r.reference.loss},
        new double[] {r.referenceAbsoluteTerms.loss}, tol.lossRtol, eps));
    for (TensorComparison t : r.tensors) {
      if (t.name.equals("input")) {
        b.append(String.format(Locale.ROOT, "\tinput raw %.2g%s", Tolerances.FLOOR_C * t.discrepancy.maxDiffOverFloor(),
            t.pass ? "" : " FAIL"));
      }
    }
    FiniteDifferenceCheck fd = r.finiteDifference;
    if (fd != null) {
      double need = 0;
      for (FiniteDifferenceCheck.Direction d : fd.directions) {
        double excess = Math.abs(d.finiteDifference - d.analytic) - fd.rtol * fd.gradientNorm;
        need = Math.max(need, excess / (fd.floor / Tolerances.FLOOR_C));
      }
      b.append(String.format(Locale.ROOT, "\tfd need %.2g (|g| %.1e)%s", need, fd.gradientNorm, fd.pass ? "" : " FAIL"));
    }
    if (o.injectFault >= 0) {
      Tensor t = r.layout.tensor(o.faultTensor);
      double[] a = r.distributed.tensor(t);
      double[] ref = r.reference.tensor(t);
      double[] s = r.referenceAbsoluteTerms.tensor(t);
      int at = 0;
      for (int k = 0; k < a.length; k++) if (Math.abs(a[k] - ref[k]) > Math.abs(a[at] - ref[at])) at = k;
      double floors = Math.abs(a[at] - ref[at]) / tol.floor(s[at]);
      b.append(String.format(Locale.ROOT, "\tfault %s, %.2g floors, failures %s", r.pass() ? "MISSED" : "caught",
          floors, names(r)));
    }
    return b.toString();
  }

  /** "raw/need" over the elements. */
  private static String ratios(double[] a, double[] b, double[] s, double rtol, double eps) {
    double max = 0;
    for (double v : b) max = Math.max(max, Math.abs(v));
    double raw = 0;
    double need = 0;
    for (int k = 0; k < a.length; k++) {
      double d = Math.abs(a[k] - b[k]);
      if (d == 0) continue;
      raw = Math.max(raw, s[k] > 0 ? d / (eps * s[k]) : Double.POSITIVE_INFINITY);
      double excess = d - rtol * max;
      if (excess > 0) need = Math.max(need, s[k] > 0 ? excess / (eps * s[k]) : Double.POSITIVE_INFINITY);
    }
    return String.format(Locale.ROOT, "%.2g/%.2g", raw, need);
  }

  private static String names(CheckResult r) {
    List<String> out = new ArrayList<>();
    for (TensorComparison t : r.tensors) if (!t.pass) out.add(t.name);
    if (r.finiteDifference != null && !r.finiteDifference.pass) out.add("fd");
    return out.toString();
  }
}
