package io.switchboard.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerCheckTest {
  private static String event(String json) { return "data: " + json + "\n\n"; }

  private static String token(String text) { return event("{\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}"); }

  private static final String USAGE_3 = event("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3}}");

  @Test
  void plain_withEveryTokenAndMatchingUsage_isOk() {
    String body = "{\"choices\":[{\"message\":{\"content\":\"the quick brown\"}}],\"usage\":{\"completion_tokens\":3}}";
    assertThat(AnswerCheck.plain(200, body, 3)).isEqualTo(Verdict.OK);
  }

  @Test
  void plain_withFewerTokens_isASilentTruncation() {
    String body = "{\"choices\":[{\"message\":{\"content\":\"the quick\"}}],\"usage\":{\"completion_tokens\":3}}";
    assertThat(AnswerCheck.plain(200, body, 3)).isEqualTo(Verdict.SILENT_TRUNCATION);
  }

  @Test
  void plain_cutMidJson_isASilentTruncation() {
    assertThat(AnswerCheck.plain(200, "{\"choices\":[{\"message\":{\"content\":\"the qu", 3))
        .isEqualTo(Verdict.SILENT_TRUNCATION);
  }

  @Test
  void plain_errorStatus_isAnHttpError() {
    assertThat(AnswerCheck.plain(503, "{\"error\":{\"code\":\"no_healthy_endpoint\"}}", 3)).isEqualTo(Verdict.HTTP_ERROR);
  }

  @Test
  void stream_withEveryTokenUsageAndDone_isOk() {
    String body = token("the") + token(" quick") + token(" brown") + USAGE_3 + "data: [DONE]\n\n";
    assertThat(AnswerCheck.stream(200, body, 3)).isEqualTo(Verdict.OK);
  }

  @Test
  void stream_withDoneButATokenMissing_isASilentTruncation() {
    String body = token("the") + token(" quick") + USAGE_3 + "data: [DONE]\n\n";
    assertThat(AnswerCheck.stream(200, body, 3)).isEqualTo(Verdict.SILENT_TRUNCATION);
  }

  @Test
  void stream_endingWithoutDoneOrError_isASilentTruncation() {
    // The connection closed cleanly after content: a client would show a finished, shorter answer.
    assertThat(AnswerCheck.stream(200, token("the") + token(" quick"), 3)).isEqualTo(Verdict.SILENT_TRUNCATION);
  }

  @Test
  void stream_endingWithAnErrorEvent_isAnExplicitError() {
    String body = token("the") + event("{\"error\":{\"message\":\"idle\",\"code\":\"upstream_timeout\"}}");
    assertThat(AnswerCheck.stream(200, body, 3)).isEqualTo(Verdict.STREAM_ERROR_EVENT);
  }

  @Test
  void words_countsRunsOfNonSpace() {
    assertThat(AnswerCheck.words(" the  quick brown .")).isEqualTo(4);
    assertThat(AnswerCheck.words("")).isZero();
  }
}
