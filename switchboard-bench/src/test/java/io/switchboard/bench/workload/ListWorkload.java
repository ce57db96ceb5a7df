package io.switchboard.bench.workload;

import java.util.Iterator;
import java.util.List;

/** A fixed list of requests as a workload, for tests. */
public record ListWorkload(String spec, double nominalRate, List<TraceRequest> requests) implements Workload {
  @Override public int size() { return requests.size(); }

  @Override
  public RequestStream open(long seed, double rateScale, int limit) {
    Iterator<TraceRequest> it = requests.iterator();
    return new RequestStream() {
      int n;

      @Override
      public TraceRequest next() {
        if (n >= limit || !it.hasNext()) return null;
        n++;
        TraceRequest r = it.next();
        return new TraceRequest(r.id(), (long) (r.arrivalNanos() / rateScale), r.prompt(), r.outputTokens(), r.sessionKey());
      }
    };
  }
}
