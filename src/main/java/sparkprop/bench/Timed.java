package sparkprop.bench;

/** Something timed run after run, which {@link Series#inTurns} interleaves with others. */
interface Timed {
  /** One run; {@code timed} false for a warm-up. */
  void once(boolean timed);

  /** Forgets the last timed run (the guard rejected its round). */
  void dropLast();
}
