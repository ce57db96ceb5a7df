package io.switchboard.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class FirstTokenWatchTest {
  private static final String ROLE = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"},\"index\":0}]}\n\n";
  private static final String CONTENT = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"},\"index\":0}]}\n\n";

  private static FirstTokenWatch fed(String... chunks) {
    FirstTokenWatch w = new FirstTokenWatch();
    for (String c : chunks) w.feed(Buffer.buffer(c));
    return w;
  }

  @Test
  void roleOnlyEvent_isNotTheCommitPoint_theFirstContentIs() {
    assertThat(fed(ROLE).reached()).isFalse();
    FirstTokenWatch w = fed(ROLE, CONTENT.substring(0, 20), CONTENT.substring(20));
    assertThat(w.reached()).isTrue();
    assertThat(w.finished()).isFalse();
    assertThat(w.problem()).isNull();
  }

  @Test
  void done_reachesAndFinishes() {
    FirstTokenWatch w = fed(ROLE, "data: [DONE]\n\n");
    assertThat(w.reached()).isTrue();
    assertThat(w.finished()).isTrue();
  }

  @Test
  void malformedOrErrorEventBeforeTheFirstToken_isAProblem_evenIfContentFollowsInTheSameChunk() {
    assertThat(fed(ROLE + "data: {not json\n\n" + CONTENT).problem()).startsWith("malformed event");
    assertThat(fed("data: {\"error\":{\"message\":\"overloaded\"}}\n\n").problem()).startsWith("error event");
  }

  @Test
  void eventsAfterTheCommitPoint_areNotJudged() {
    FirstTokenWatch w = fed(CONTENT, "data: {not json\n\n");
    assertThat(w.reached()).isTrue();
    assertThat(w.problem()).isNull();
  }
}
