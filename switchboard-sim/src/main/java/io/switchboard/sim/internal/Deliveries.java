package io.switchboard.sim.internal;

import java.util.Arrays;

/**
 * Listener notifications waiting for their report time (step end plus API overhead), in time order. The
 * overhead is constant, so insertion order is time order and a growable ring of parallel arrays suffices:
 * no allocation per token.
 */
final class Deliveries {
  static final int FINISHED = -1;

  private long[] at = new long[64];
  private RequestState[] requests = new RequestState[64];
  private int[] counts = new int[64];
  private int head;
  private int size;

  /** Queues {@code count} tokens, or {@link #FINISHED}, for {@code r} at {@code atNanos}. */
  void add(long atNanos, RequestState r, int count) {
    if (size == at.length) grow();
    int i = (head + size) & (at.length - 1);
    at[i] = atNanos;
    requests[i] = r;
    counts[i] = count;
    size++;
  }

  /** When the next notification is due, or {@link Long#MAX_VALUE} if none is queued. */
  long nextAt() {
    return size == 0 ? Long.MAX_VALUE : at[head];
  }

  RequestState headRequest() {
    return requests[head];
  }

  int headCount() {
    return counts[head];
  }

  void pop() {
    requests[head] = null;
    head = (head + 1) & (at.length - 1);
    size--;
  }

  private void grow() {
    int n = at.length;
    long[] newAt = new long[n * 2];
    RequestState[] newRequests = new RequestState[n * 2];
    int[] newCounts = new int[n * 2];
    for (int k = 0; k < size; k++) {
      int i = (head + k) & (n - 1);
      newAt[k] = at[i];
      newRequests[k] = requests[i];
      newCounts[k] = counts[i];
    }
    Arrays.fill(requests, null);
    at = newAt;
    requests = newRequests;
    counts = newCounts;
    head = 0;
  }
}
