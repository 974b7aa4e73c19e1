package sparkprop.screen;

/** One executor of the application: Spark's id and the host its block manager names. */
public record Executor(String id, String host) implements Comparable<Executor> {
  @Override
  public int compareTo(Executor o) {
    int h = host.compareTo(o.host);
    return h != 0 ? h : numeric(id) != numeric(o.id) ? Long.compare(numeric(id), numeric(o.id)) : id.compareTo(o.id);
  }

  private static long numeric(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "executor " + id + " on " + host;
  }
}
