package sparkprop.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the values of configuration keys that name a secret, password or token (case-insensitive)
 * wherever sparkprop prints a configuration: Spark's authentication secret passed with --conf must
 * not end up in a log file or a scheduler's task log. submit.sh applies the same rule to the
 * command lines it prints.
 */
final class Secrets {
  static final String HIDDEN = "*****";
  /** {@code key=value} inside a longer value, e.g. {@code -Dspark.ssl.keyPassword=x} in extraJavaOptions. */
  private static final Pattern EMBEDDED =
      Pattern.compile("([^\\s=]*(?i:secret|password|token)[^\\s=]*)=[^\\s]*");

  private Secrets() {}

  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("secret") || k.contains("password") || k.contains("token");
  }

  /** The value to print for {@code key}. */
  static String redact(String key, String value) {
    if (isSecret(key)) return HIDDEN;
    return EMBEDDED.matcher(value).replaceAll("$1=" + Matcher.quoteReplacement(HIDDEN));
  }
}
