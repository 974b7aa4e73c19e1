package sparkprop.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Named options of a command: what each sets on the options object {@code T}, and its help text, in help order. */
public final class OptionTable<T> {
  private final Map<String, String> help = new LinkedHashMap<>();
  private final Map<String, BiConsumer<T, String>> setters = new LinkedHashMap<>();

  /** Declares {@code --name}; {@code text} starts with the value's placeholder, e.g. "N  rows to use". */
  public void add(String name, String text, BiConsumer<T, String> set) {
    help.put(name, text);
    setters.put(name, set);
  }

  public boolean has(String name) {
    return setters.containsKey(name);
  }

  /** Sets option {@code name} on {@code target}; the option must exist. */
  public void apply(T target, String name, String value) {
    setters.get(name).accept(target, value);
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(setters.keySet());
  }

  /** One line per option: {@code "  --name text"}. */
  public String help() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : help.entrySet()) b.append("  --").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    return b.toString();
  }
}
