package io.switchboard.sim.internal;

import io.switchboard.sim.Engine;
import io.switchboard.sim.TokenListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records every notification, in order, for assertions. */
final class Recorder implements TokenListener {
  record Event(String kind, long id, int count, long atNanos) {}

  final List<Event> events = new ArrayList<>();
  final Map<Long, Completion> completions = new HashMap<>();

  @Override
  public void onTokens(long requestId, int count, long atNanos) {
    events.add(new Event("tokens", requestId, count, atNanos));
  }

  @Override
  public void onFinished(long requestId, Completion completion, long atNanos) {
    events.add(new Event("finished", requestId, 0, atNanos));
    completions.put(requestId, completion);
  }

  List<Long> tokenTimes(long id) {
    return events.stream().filter(e -> e.id() == id && e.kind().equals("tokens")).map(Event::atNanos).toList();
  }

  long firstTokenAt(long id) {
    return tokenTimes(id).getFirst();
  }

  /** Drives the engine event by event, as the virtual-time replay does, until nothing is left to do. */
  static void runUntilIdle(Engine engine) {
    for (long next = engine.nextEventNanos(); next != Long.MAX_VALUE; next = engine.nextEventNanos()) {
      engine.advanceTo(next);
    }
  }
}
