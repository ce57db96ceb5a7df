package io.switchboard.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadLoadersTest {
  @TempDir Path dir;

  private static List<TraceRequest> all(Workload w, long seed, double scale, int limit) {
    List<TraceRequest> out = new ArrayList<>();
    try (RequestStream s = w.open(seed, scale, limit)) {
      for (TraceRequest r; (r = s.next()) != null; ) out.add(r);
    }
    return out;
  }

  private static int commonPrefix(int[] a, int[] b) {
    int i = 0;
    while (i < a.length && i < b.length && a[i] == b[i]) i++;
    return i;
  }

  @Test
  void mooncake_sharedHashIds_expandToExactlySharedTokenPrefixes() throws IOException {
    Path f = dir.resolve("t.jsonl");
    Files.writeString(f, """
        {"timestamp": 0, "input_length": 1100, "output_length": 5, "hash_ids": [1, 2, 3]}
        {"timestamp": 0, "input_length": 1300, "output_length": 7, "hash_ids": [1, 2, 4]}
        {"timestamp": 3, "input_length": 600, "output_length": 1, "hash_ids": [1, 9]}
        """);
    List<TraceRequest> rs = all(Workloads.parse("file:" + f, dir), 1, 1, Integer.MAX_VALUE);
    assertThat(rs).hasSize(3);
    int[] a = rs.get(0).prompt().tokens(), b = rs.get(1).prompt().tokens(), c = rs.get(2).prompt().tokens();
    assertThat(a).hasSize(1100); // last block truncated to 1100 - 2 x 512 = 76 tokens
    assertThat(b).hasSize(1300);
    assertThat(c).hasSize(600);
    // Shared ids [1, 2] = exactly 1,024 shared tokens (a different third block differs at its first token,
    // barring a 1-in-128k coincidence that the fixed seeds rule out); [1] = 512.
    assertThat(commonPrefix(a, b)).isEqualTo(1024);
    assertThat(commonPrefix(a, c)).isEqualTo(512);
    assertThat(rs.get(0).sessionKey()).isEqualTo(rs.get(2).sessionKey()).isNotZero();
  }

  @Test
  void mooncake_requestsOfOneTick_areSpreadInOrderWithinTheTick() throws IOException {
    Path f = dir.resolve("t.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50; i++) sb.append("{\"timestamp\": 7, \"input_length\": 10, \"output_length\": 2, \"hash_ids\": [").append(i).append("]}\n");
    sb.append("{\"timestamp\": 8, \"input_length\": 10, \"output_length\": 2, \"hash_ids\": [99]}\n");
    Files.writeString(f, sb);
    List<TraceRequest> rs = all(Workloads.parse("file:" + f, dir), 42, 1, Integer.MAX_VALUE);
    long[] at = rs.stream().mapToLong(TraceRequest::arrivalNanos).toArray();
    for (int i = 0; i < 50; i++) assertThat(at[i]).isBetween(7_000_000L, 7_999_999L);
    assertThat(at).isSorted();
    assertThat(Arrays.stream(at, 0, 50).distinct().count()).isGreaterThan(45); // spread, not one burst
    assertThat(rs.get(50).arrivalNanos()).isBetween(8_000_000L, 8_999_999L);
    // Another seed spreads differently; the same seed identically.
    assertThat(all(Workloads.parse("file:" + f, dir), 42, 1, 100).get(3).arrivalNanos()).isEqualTo(at[3]);
    assertThat(all(Workloads.parse("file:" + f, dir), 43, 1, 100).get(3).arrivalNanos()).isNotEqualTo(at[3]);
  }

  @Test
  void mooncake_realTrace_loadsWithItsDocumentedShape() {
    Workload w = Workloads.parse("mooncake", Workloads.tracesDir(null));
    assertThat(w.size()).isEqualTo(3993);
    assertThat(w.nominalRate()).isBetween(3.5, 4.3); // the README says 3.9 req/s
    List<TraceRequest> first = all(w, 1, 1, 200);
    double meanInput = first.stream().mapToInt(TraceRequest::promptTokens).average().orElseThrow();
    assertThat(meanInput).isGreaterThan(5000);
  }

  @Test
  void azure_csv_parsesRelativeTimestampsAndLengths() throws IOException {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, """
        TIMESTAMP,ContextTokens,GeneratedTokens
        2023-11-16 18:15:46.6805900,374,44
        2023-11-16 18:15:50.9951690,396,109
        2023-11-16 18:15:51.0000000,10,0
        """);
    var w = new io.switchboard.bench.workload.internal.AzureTrace("azure-test", f);
    List<TraceRequest> rs = all(w, 1, 1, Integer.MAX_VALUE);
    assertThat(rs).extracting(TraceRequest::arrivalNanos).containsExactly(0L, 4_314_579_000L, 4_319_410_000L);
    assertThat(rs).extracting(TraceRequest::promptTokens).containsExactly(374, 396, 10);
    assertThat(rs).extracting(TraceRequest::outputTokens).containsExactly(44, 109, 1); // 0 generated -> at least 1
    assertThat(rs).extracting(TraceRequest::sessionKey).containsOnly(0L);
    // Doubling the rate halves every arrival time.
    assertThat(all(w, 1, 2, 3).get(1).arrivalNanos()).isEqualTo(2_157_289_500L);
  }

  @Test
  void azure_realTrace_hasItsDocumentedRowCount() {
    assertThat(Workloads.parse("azure-conv", Workloads.tracesDir(null)).size()).isEqualTo(19_366);
  }

  @Test
  void generators_sameSeed_sameRequests_otherSeed_otherRequests() {
    for (String spec : List.of("sharegpt:poisson", "shared-prefix:groups=4", "b2b", "multiturn", "one-system-prompt", "arxiv:gamma:cv=3")) {
      Workload w = Workloads.parse(spec, Workloads.tracesDir(null));
      List<TraceRequest> a = all(w, 5, 1, 30), b = all(w, 5, 1, 30), c = all(w, 6, 1, 30);
      assertThat(a).as(spec).isEqualTo(b).isNotEqualTo(c).hasSize(30);
      assertThat(a).extracting(TraceRequest::arrivalNanos).as(spec).isSorted();
    }
  }

  @Test
  void sharedPrefix_groupMembers_shareTheirSystemPrompt() {
    List<TraceRequest> rs = all(Workloads.parse("shared-prefix:groups=2:system=3000", dir), 1, 1, 20);
    TraceRequest x = rs.getFirst();
    TraceRequest sameGroup = rs.stream().skip(1).filter(r -> r.sessionKey() == x.sessionKey()).findFirst().orElseThrow();
    TraceRequest otherGroup = rs.stream().filter(r -> r.sessionKey() != x.sessionKey()).findFirst().orElseThrow();
    assertThat(commonPrefix(x.prompt().tokens(), sameGroup.prompt().tokens())).isEqualTo(3000);
    assertThat(commonPrefix(x.prompt().tokens(), otherGroup.prompt().tokens())).isLessThan(3);
  }

  @Test
  void multiturn_nextTurn_extendsThePreviousPromptOfItsSession() {
    List<TraceRequest> rs = all(Workloads.parse("multiturn", dir), 3, 1, 200);
    TraceRequest first = rs.getFirst();
    TraceRequest second = rs.stream().skip(1).filter(r -> r.sessionKey() == first.sessionKey()).findFirst().orElseThrow();
    int[] a = first.prompt().tokens(), b = second.prompt().tokens();
    assertThat(commonPrefix(a, b)).isEqualTo(a.length);
    assertThat(b.length).isGreaterThan(a.length + first.outputTokens()); // + the answer + new user text
  }

  @Test
  void b2b_hasTheDocumentedShape() {
    List<TraceRequest> rs = all(Workloads.parse("b2b", dir), 1, 1, 2000);
    assertThat(rs).allSatisfy(r -> assertThat(r.promptTokens()).isEqualTo(7200));
    double meanOut = rs.stream().mapToInt(TraceRequest::outputTokens).average().orElseThrow();
    assertThat(meanOut).isBetween(980.0, 1020.0);
    assertThat(rs.stream().mapToLong(TraceRequest::sessionKey).distinct().count()).isBetween(140L, 150L);
  }

  @Test
  void parse_badSpecs_sayWhatIsWrongAndHowToFixIt() {
    assertThatThrownBy(() -> Workloads.parse("nope", dir)).hasMessageContaining("unknown workload 'nope'").hasMessageContaining("mooncake");
    assertThatThrownBy(() -> Workloads.parse("shared-prefix:grups=3", dir)).hasMessageContaining("unknown option 'grups'")
        .hasMessageContaining("groups");
    assertThatThrownBy(() -> Workloads.parse("mooncake", dir)).hasMessageContaining("--traces");
    assertThatThrownBy(() -> Workloads.parse("b2b:cv=3", dir)).hasMessageContaining("needs :gamma");
  }
}
