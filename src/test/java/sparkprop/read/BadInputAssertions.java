package sparkprop.read;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import sparkprop.BadInputException;

/** Asserting the one-line {@link BadInputException}s of the bad-input catalogue. */
final class BadInputAssertions {
  private BadInputAssertions() {}

  /** Asserts a one-line BadInputException whose message contains every fragment; returns it. */
  static BadInputException assertBadInput(Executable action, String... fragments) {
    BadInputException e = assertThrows(BadInputException.class, action);
    String msg = e.getMessage();
    assertFalse(msg.contains("\n") || msg.contains("\r"), "one line: " + msg);
    for (String f : fragments) assertTrue(msg.contains(f), "expected \"" + f + "\" in: " + msg);
    return e;
  }
}
