package io.switchboard.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineMetricsParserTest {
  @Test
  void parse_vllmV1Text_readsRunningWaitingAndKvUse() {
    var s = EngineMetricsParser.parse("""
        # HELP vllm:num_requests_running Number of requests in model execution batches.
        # TYPE vllm:num_requests_running gauge
        vllm:num_requests_running{engine="0",model_name="llama"} 3.0
        vllm:num_requests_running_total_ignored{engine="0"} 99.0
        vllm:num_requests_waiting{engine="0",model_name="llama"} 2.0
        vllm:kv_cache_usage_perc{engine="0",model_name="llama"} 0.42
        vllm:prompt_tokens_total{model_name="llama"} 12345.0
        """);
    assertThat(s).isEqualTo(new EngineMetricsParser.Sample(3, 2, 0.42, 0));
  }

  @Test
  void parse_severalEngines_addRequestCounts_andTakeTheFullestKvCache() {
    var s = EngineMetricsParser.parse("""
        vllm:num_requests_running{engine="0"} 1
        vllm:num_requests_running{engine="1"} 4
        vllm:num_requests_waiting{engine="0"} 0
        vllm:gpu_cache_usage_perc{engine="0"} 0.3
        vllm:gpu_cache_usage_perc{engine="1"} 0.9
        """);
    assertThat(s).isEqualTo(new EngineMetricsParser.Sample(5, 0, 0.9, 0));
  }

  @Test
  void parse_labelsWithBracesAndATimestamp_readTheValueOnly() {
    var s = EngineMetricsParser.parse("vllm:num_requests_running{model_name=\"a}b \\\"c\"} 7 1712345678000\r\n"
        + "vllm:num_requests_waiting 1\n");
    assertThat(s).isEqualTo(new EngineMetricsParser.Sample(7, 1, Double.NaN, 0));
  }

  @Test
  void parse_sglangNames_areUnderstoodToo() {
    var s = EngineMetricsParser.parse("""
        sglang:num_running_reqs{model_name="q"} 6.0
        sglang:num_queue_reqs{model_name="q"} 3.0
        sglang:token_usage{model_name="q"} 0.5
        """);
    assertThat(s).isEqualTo(new EngineMetricsParser.Sample(6, 3, 0.5, 0));
  }

  @Test
  void parse_textWithoutEngineGauges_isNull() {
    assertThat(EngineMetricsParser.parse("process_cpu_seconds_total 12.5\n# EOF\n")).isNull();
    assertThat(EngineMetricsParser.parse("<html>not metrics</html>")).isNull();
    assertThat(EngineMetricsParser.parse("vllm:num_requests_running{engine=\"0\"} NaNish\n")).isNull();
  }

  @Test
  void parse_vllmCacheConfigInfo_givesTheKvCacheSize_fromItsLabels() {
    var s = EngineMetricsParser.parse("""
        vllm:num_requests_running{engine="0",model_name="llama"} 0.0
        # HELP vllm:cache_config_info Information of the LLMEngine CacheConfig
        # TYPE vllm:cache_config_info gauge
        vllm:cache_config_info{block_size="16",cache_dtype="auto", enable_prefix_caching="True",gpu_memory_utilization="0.9",num_cpu_blocks="2048",num_gpu_blocks="27760",prefix_caching_hash_algo="builtin"} 1.0
        """);
    assertThat(s.kvCapacityTokens()).isEqualTo(27_760L * 16);
  }

  @Test
  void parse_sglangMaxTotalTokens_givesTheKvCacheSize_andNoneSaidIsZero() {
    var s = EngineMetricsParser.parse("sglang:num_running_reqs{model_name=\"q\"} 1\nsglang:max_total_num_tokens{model_name=\"q\"} 521337\n");
    assertThat(s.kvCapacityTokens()).isEqualTo(521_337L);
    assertThat(EngineMetricsParser.parse("vllm:num_requests_running 1\nvllm:cache_config_info{block_size=\"16\"} 1.0\n")
        .kvCapacityTokens()).isZero();
    assertThat(EngineMetricsParser.parse("vllm:num_requests_running 1\n"
        + "vllm:cache_config_info{block_size=\"99999999999\",num_gpu_blocks=\"99999999999\"} 1.0\n").kvCapacityTokens()).isZero();
  }
}
