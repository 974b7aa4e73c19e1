package sparkprop.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM's main for tests that need a fresh JVM (a BLAS chosen at start-up) but not one per
 * command: runs each command given, separated by {@value #THEN}, through {@link Main#run(String[],
 * java.io.PrintStream, java.io.PrintStream)} (each in a Spark context of its own, as {@code Main.main}
 * runs one), one after the other; exits with the first non-zero exit code, else 0.
 */
public final class CommandsInOneJvm {
  public static final String THEN = "::";

  private CommandsInOneJvm() {}

  public static void main(String[] args) {
    List<List<String>> commands = new ArrayList<>(List.of(new ArrayList<>()));
    for (String a : args) {
      if (a.equals(THEN)) commands.add(new ArrayList<>());
      else commands.get(commands.size() - 1).add(a);
    }
    for (List<String> command : commands) {
      System.out.println("$ " + String.join(" ", command));
      int code = Main.run(command.toArray(new String[0]), System.out, System.err);
      if (code != 0) System.exit(code);
    }
    System.exit(0);
  }

  /** {@code commands} joined with {@value #THEN}, as {@link #main} takes them. */
  public static List<String> arguments(List<List<String>> commands) {
    List<String> out = new ArrayList<>();
    for (List<String> c : commands) {
      if (!out.isEmpty()) out.add(THEN);
      out.addAll(c);
    }
    return out;
  }
}
