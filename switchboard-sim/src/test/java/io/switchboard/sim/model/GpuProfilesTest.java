package io.switchboard.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuProfilesTest {

  @Test
  void builtIn_hasTheThreeDocumentedProfiles() {
    assertThat(GpuProfiles.builtIn().names()).containsExactly("h100", "a100-80", "a100-40");
  }

  @Test
  void h100_carriesTheTableValues() {
    GpuProfile h100 = GpuProfiles.builtIn().get("h100");
    assertThat(h100.peakFlops()).isEqualTo(989e12);
    assertThat(h100.hbmBytesPerSecond()).isEqualTo(3.35e12);
    assertThat(h100.maxNumSeqs()).isEqualTo(1024);
    assertThat(h100.maxNumBatchedTokens()).isEqualTo(8192);
    assertThat(h100.model().layers()).isEqualTo(32);
    assertThat(h100.model().hiddenSize()).isEqualTo(4096);
    assertThat(h100.model().kvBytesPerToken()).isEqualTo(128 * 1024);
    assertThat(h100.calibration().apiOverheadSeconds()).isEqualTo(0.008);
    assertThat(h100.calibration().perSeqOverheadSeconds()).isEqualTo(5e-6);
  }

  @Test
  void a100Profiles_useTheirSchedulerDefaults() {
    for (String name : new String[] {"a100-80", "a100-40"}) {
      GpuProfile profile = GpuProfiles.builtIn().get(name);
      assertThat(profile.maxNumSeqs()).isEqualTo(256);
      assertThat(profile.maxNumBatchedTokens()).isEqualTo(2048);
      assertThat(profile.peakFlops()).isEqualTo(312e12);
    }
  }

  @Test
  void kvCapacity_followsTheMemoryFormula_withinOnePercentOfTheTable() {
    GpuProfiles profiles = GpuProfiles.builtIn();
    // Table: ~444k tokens (27,760 blocks) on 80 GB cards, ~151k (9,420 blocks) on the A100-40GB.
    assertThat(profiles.get("h100").kvBlocks()).isCloseTo(27_760, withinPercentage(1));
    assertThat(profiles.get("a100-80").kvBlocks()).isCloseTo(27_760, withinPercentage(1));
    assertThat(profiles.get("a100-40").kvBlocks()).isCloseTo(9_420, withinPercentage(1));
    assertThat(profiles.get("h100").kvCapacityTokens()).isCloseTo(444_000L, withinPercentage(1));
  }

  @Test
  void get_unknownName_listsKnownNames() {
    assertThatThrownBy(() -> GpuProfiles.builtIn().get("tpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tpu'").hasMessageContaining("h100, a100-80, a100-40");
  }

  @Test
  void load_userFile_addsProfilesThatInheritBuiltInDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gpus.yaml");
    Files.writeString(file, """
        profiles:
          l40s:
            peakTflops: 362
            hbmTBps: 0.864
            memory: {visibleGiB: 44.4}
            maxNumSeqs: 256
            maxNumBatchedTokens: 2048
            calibration: {apiOverheadMs: 10}
        """);
    GpuProfiles profiles = GpuProfiles.load(file);
    GpuProfile l40s = profiles.get("l40s");
    assertThat(profiles.names()).contains("h100", "l40s");
    assertThat(l40s.hbmBytesPerSecond()).isEqualTo(0.864e12);
    assertThat(l40s.calibration().apiOverheadSeconds()).isEqualTo(0.010);
    // Fields not overridden come from the built-in defaults.
    assertThat(l40s.calibration().mfuLinear()).isEqualTo(0.60);
    assertThat(l40s.model().name()).isEqualTo("llama-3.1-8b");
    assertThat(l40s.kvBlocks()).isEqualTo(GpuProfile.kvBlocksFor(44.4, 0.9, 1.72, 0.35, l40s.model()));
  }

  @Test
  void parse_explicitKvBlocks_replacesMemoryFormula() {
    GpuProfile tiny = GpuProfiles.parse("""
        profiles:
          tiny: {peakTflops: 989, hbmTBps: 3.35, kvBlocks: 8, maxNumSeqs: 4, maxNumBatchedTokens: 64}
        """, "tiny.yaml").get("tiny");
    assertThat(tiny.kvBlocks()).isEqualTo(8);
  }

  @Test
  void parse_invalidFields_namesFileFieldAndFix() {
    assertThatThrownBy(() -> GpuProfiles.parse("""
        profiles:
          bad:
            peakTflops: fast
            memory: {visibleGiB: 80}
            maxNumSeqs: 256
            maxNumBatchedTokens: 2048
            calibration: {mfuLinear: 1.5}
            colour: red
        """, "my-gpus.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("my-gpus.yaml")
        .hasMessageContaining("profiles.bad.peakTflops: 'fast' is not a number")
        .hasMessageContaining("profiles.bad.hbmTBps: missing; set the HBM bandwidth in TB/s")
        .hasMessageContaining("profiles.bad.calibration.mfuLinear: 1.5 is out of range")
        .hasMessageContaining("profiles.bad.colour: unknown field");
  }

  @Test
  void parse_memoryTooSmallForWeights_isRejected() {
    assertThatThrownBy(() -> GpuProfiles.parse("""
        profiles:
          small: {peakTflops: 100, hbmTBps: 1, memory: {visibleGiB: 16}, maxNumSeqs: 8, maxNumBatchedTokens: 512}
        """, "small.yaml"))
        .hasMessageContaining("profiles.small: memory leaves no room for the KV cache");
  }

  @Test
  void parse_notYaml_saysSo() {
    assertThatThrownBy(() -> GpuProfiles.parse("profiles: [unclosed", "broken.yaml"))
        .hasMessageStartingWith("broken.yaml: not valid YAML");
  }
}
