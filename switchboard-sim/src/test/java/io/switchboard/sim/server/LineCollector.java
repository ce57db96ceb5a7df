package io.switchboard.sim.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/** Collects a streamed body line by line as it arrives; {@link #cancel()} drops the connection. */
final class LineCollector implements Flow.Subscriber<String> {
  final List<String> lines = new CopyOnWriteArrayList<>();
  volatile Throwable error;
  volatile boolean complete;
  private volatile Flow.Subscription subscription;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(String line) {
    lines.add(line);
  }

  @Override
  public void onError(Throwable t) {
    error = t;
  }

  @Override
  public void onComplete() {
    complete = true;
  }

  void cancel() {
    subscription.cancel();
  }

  /** The {@code data:} payloads received so far. */
  List<String> data() {
    return lines.stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
  }
}
