package sparkprop;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials hidden wherever sparkprop prints or logs text that may hold them: a configuration
 * (Spark's authentication secret or an S3 access key passed with --conf must not end up in a log file
 * or a scheduler's task log), and any message that echoes a path ({@code --data
 * hdfs://user:PASSWORD@host/…} on stderr, in report.json, in the log). submit.sh applies the same rule
 * to the command lines it prints, and conf/log4j2.properties to every line of the log.
 *
 * <p>The rule: a key is secret when it matches Spark's own default {@code spark.redaction.regex},
 * {@code (?i)secret|password|token|access[.]?key}, or {@code account[.]key} (Azure's
 * {@code fs.azure.account.key.ACCOUNT…}); its value is hidden, also as {@code key=value} inside a longer
 * value (e.g. {@code -Dspark.ssl.keyPassword=x} in extraJavaOptions). The user-info of a URI
 * ({@code scheme://USER:PASSWORD@host}) is hidden whole.
 */
public final class Secrets {
  public static final String HIDDEN = "*****";
  /** Keys whose values are secret: Spark's default spark.redaction.regex and Azure's account keys. */
  public static final String KEY_REGEX = "(?i)secret|password|token|access[.]?key|account[.]key";

  private static final Pattern KEY = Pattern.compile(KEY_REGEX);
  /** {@code key=value} with a secret key, inside any text. */
  private static final Pattern EMBEDDED = Pattern.compile("([^\\s=]*(?:" + KEY_REGEX + ")[^\\s=]*)=[^\\s]*");
  /** The user-info of a URI: {@code scheme://} followed by what comes before an {@code @} of the authority. */
  private static final Pattern USER_INFO = Pattern.compile("(\\b[A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s]+@");

  private Secrets() {}

  public static boolean isSecret(String key) {
    return KEY.matcher(key).find();
  }

  /** The value to print for configuration key {@code key}. */
  public static String redact(String key, String value) {
    return isSecret(key) ? HIDDEN : hide(value);
  }

  /** {@code text} with every secret {@code key=value}'s value and every URI's user-info hidden. */
  public static String hide(String text) {
    if (text == null) return null;
    String s = EMBEDDED.matcher(text).replaceAll("$1=" + Matcher.quoteReplacement(HIDDEN));
    return USER_INFO.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(HIDDEN) + "@");
  }
}
