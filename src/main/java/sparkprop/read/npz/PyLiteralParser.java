package sparkprop.read.npz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkprop.BadInputException;

/**
 * Parses the Python literal that a {@code .npy} header holds, e.g.
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (784, 50), }}.
 *
 * <p>Only the literals NumPy headers use are accepted: dicts (string keys), tuples, lists, strings,
 * integers (an old {@code L} suffix allowed), {@code True}, {@code False} and {@code None}. Dicts become
 * {@code Map<String, Object>}, tuples and lists {@code List<Object>}, integers {@code Long}. Nothing is
 * evaluated.
 */
final class PyLiteralParser {
  private static final int MAX_DEPTH = 32;

  private final String text;
  private final String where;
  private int pos;
  private int depth;

  private PyLiteralParser(String text, String where) {
    this.text = text;
    this.where = where;
  }

  /**
   * The dict that {@code text} holds, keys in file order.
   *
   * @param where the file and entry, for the error message
   * @throws BadInputException ("malformed header") if the text is not a single dict literal
   */
  static Map<String, Object> parseDict(String text, String where) {
    PyLiteralParser parser = new PyLiteralParser(text, where);
    parser.skipSpace();
    if (parser.peek() != '{') throw parser.fail("expected a dictionary");
    @SuppressWarnings("unchecked")
    Map<String, Object> dict = (Map<String, Object>) parser.value();
    parser.skipSpace();
    if (parser.pos != text.length()) throw parser.fail("unexpected text after the dictionary");
    return dict;
  }

  private Object value() {
    skipSpace();
    if (++depth > MAX_DEPTH) throw fail("nested too deeply");
    Object value;
    char c = peek();
    if (c == '{') {
      value = dict();
    } else if (c == '(') {
      value = sequence('(', ')');
    } else if (c == '[') {
      value = sequence('[', ']');
    } else if (c == '\'' || c == '"') {
      value = string();
    } else if (c == '-' || c == '+' || Character.isDigit(c)) {
      value = integer();
    } else if (Character.isLetter(c)) {
      value = constant();
    } else {
      throw fail(pos >= text.length() ? "unexpected end" : "unexpected character '" + c + "'");
    }
    depth--;
    return value;
  }

  private Map<String, Object> dict() {
    pos++; // '{'
    Map<String, Object> dict = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (peek() == '}') break;
      if (peek() != '\'' && peek() != '"') throw fail("expected a string key");
      String key = string();
      skipSpace();
      expect(':');
      if (dict.containsKey(key)) throw fail("duplicate key '" + key + "'");
      dict.put(key, value());
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else if (peek() != '}') {
        throw fail("expected ',' or '}'");
      }
    }
    pos++; // '}'
    return dict;
  }

  /** A tuple or list; {@code (x)} without a comma is just {@code x}, as in Python. */
  private Object sequence(char open, char close) {
    pos++; // open
    List<Object> items = new ArrayList<>();
    boolean comma = false;
    while (true) {
      skipSpace();
      if (peek() == close) break;
      items.add(value());
      skipSpace();
      if (peek() == ',') {
        pos++;
        comma = true;
      } else if (peek() != close) {
        throw fail("expected ',' or '" + close + "'");
      }
    }
    pos++; // close
    if (open == '(' && items.size() == 1 && !comma) return items.get(0);
    return Collections.unmodifiableList(items);
  }

  private String string() {
    char quote = text.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != quote) {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) c = text.charAt(pos++);
      sb.append(c);
    }
    if (pos >= text.length()) throw fail("unterminated string");
    pos++; // closing quote
    return sb.toString();
  }

  private Long integer() {
    int start = pos;
    if (peek() == '-' || peek() == '+') pos++;
    while (Character.isDigit(peek())) pos++;
    String digits = text.substring(start, pos);
    if (peek() == 'L' || peek() == 'l') pos++;
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      pos = start;
      throw fail("bad integer '" + digits + "'");
    }
  }

  private Object constant() {
    int start = pos;
    while (Character.isLetterOrDigit(peek()) || peek() == '_') pos++;
    String word = text.substring(start, pos);
    switch (word) {
      case "True":
        return Boolean.TRUE;
      case "False":
        return Boolean.FALSE;
      case "None":
        return NONE;
      default:
        pos = start;
        throw fail("unexpected name '" + word + "'");
    }
  }

  /** Python's {@code None} (a dict value may not be Java null). */
  static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  /** A parsed value written back as a Python literal, for error messages: {@code (-1,)}, {@code 'x'}. */
  static String repr(Object value) {
    if (value instanceof String) return "'" + value + "'";
    if (value instanceof Boolean) return (Boolean) value ? "True" : "False";
    if (value instanceof Map) return "{...}";
    if (value instanceof List) {
      List<?> items = (List<?>) value;
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < items.size(); i++) sb.append(i > 0 ? ", " : "").append(repr(items.get(i)));
      return sb.append(items.size() == 1 ? ",)" : ")").toString();
    }
    return String.valueOf(value);
  }

  private void expect(char c) {
    if (peek() != c) throw fail("expected '" + c + "'");
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
  }

  private BadInputException fail(String problem) {
    return new BadInputException(where + ": malformed header (" + problem + " at offset " + pos + " of "
        + quoted(text) + ")");
  }

  /** The header text on one line, shortened, for an error message. */
  private static String quoted(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    if (oneLine.length() > 120) oneLine = oneLine.substring(0, 117) + "...";
    return "\"" + oneLine + "\"";
  }
}
