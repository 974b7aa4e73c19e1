package sparkprop.report.html;

import java.util.Locale;

/** Small helpers for writing HTML by hand: escaping and the number formats the report uses. */
final class Html {
  private Html() {}

  /** Text made safe for an element's content or a quoted attribute. */
  static String esc(String text) {
    if (text == null) return "";
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&': b.append("&amp;"); break;
        case '<': b.append("&lt;"); break;
        case '>': b.append("&gt;"); break;
        case '"': b.append("&quot;"); break;
        case '\'': b.append("&#39;"); break;
        default: b.append(c);
      }
    }
    return b.toString();
  }

  /** 3.142e-16, as the console table prints; "0" for zero, "NaN", "∞". */
  static String sci(double v) {
    if (v == 0) return "0";
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
    return String.format(Locale.ROOT, "%.3e", v);
  }

  /** A tolerance such as 1e-12: no needless digits. */
  static String tol(double v) {
    String s = String.format(Locale.ROOT, "%.0e", v);
    return s.replace("e-0", "e-").replace("e+00", "").replace("e+0", "e");
  }

  /** 12,345 */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A NumPy shape: (784, 50), (50,), (). */
  static String shape(long[] s) {
    if (s.length == 0) return "()";
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < s.length; i++) b.append(i > 0 ? ", " : "").append(s[i]);
    return b.append(s.length == 1 ? ",)" : ")").toString();
  }

  /** {@code <tr><td>…</td>…</tr>} from already-escaped cells. */
  static String row(String... cells) {
    StringBuilder b = new StringBuilder("<tr>");
    for (String c : cells) b.append("<td>").append(c).append("</td>");
    return b.append("</tr>\n").toString();
  }

  /** {@code <tr><th>…</th>…</tr>} from already-escaped cells. */
  static String headerRow(String... cells) {
    StringBuilder b = new StringBuilder("<tr>");
    for (String c : cells) b.append("<th>").append(c).append("</th>");
    return b.append("</tr>\n").toString();
  }
}
