package io.switchboard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference's full example must stay a valid config as the format evolves. */
class DocumentedExampleTest {
  @TempDir Path dir;

  @Test
  void configurationReference_fullExample_isValid() throws Exception {
    String doc = Files.readString(Path.of("../docs/configuration.md"));
    int heading = doc.indexOf("## Full example");
    int start = doc.indexOf("```yaml\n", heading) + "```yaml\n".length();
    String yaml = doc.substring(start, doc.indexOf("```", start));
    Path key = dir.resolve("ci-key");
    Files.writeString(key, "sk-ci");
    Map<String, String> env = Map.of("SWITCHBOARD_ADMIN_TOKEN", "adm", "TEAM_A_KEY", "sk-a", "VLLM_API_KEY", "sk-v");

    LoadResult r = ConfigLoader.parse(yaml.replace("/run/secrets/ci-key", key.toString()), Path.of("doc.yaml"), env::get);

    assertThat(r.problems()).isEmpty();
    // The one inline key in the example is there to show the warning.
    assertThat(r.warnings()).singleElement().extracting(ConfigProblem::path).isEqualTo("auth.keys[2].key");
    assertThat(r.orElseThrow().endpoints()).hasSize(3);
  }
}
