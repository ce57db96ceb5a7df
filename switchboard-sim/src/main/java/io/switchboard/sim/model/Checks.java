package io.switchboard.sim.model;

/** Fail-fast argument checks whose messages name the offending field and value. */
final class Checks {
  private Checks() {}

  static void name(String field, String value) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " must be a non-empty name");
  }

  static void positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be > 0, was " + value);
    }
  }

  static void nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value);
    }
  }

  static void fraction(String field, double value) {
    if (!(value > 0 && value <= 1)) throw new IllegalArgumentException(field + " must be in (0, 1], was " + value);
  }
}
