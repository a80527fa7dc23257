package io.cohortlm.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.synth.SyntheticConfig;
import io.cohortlm.synth.SyntheticData;
import io.cohortlm.synth.SyntheticGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the examples in docs/profiles.md equal to what the code writes. If this fails after an intended change,
 * regenerate the block: {@code ./mvnw -o -pl core test -Dtest=ProfileExamplesTest -Dcohortlm.updateDocs=true}.
 */
class ProfileExamplesTest {
    static final Path DOC = Path.of("../docs/profiles.md");
    static final String BEGIN = "<!-- BEGIN GENERATED: ProfileExamplesTest -->";
    static final String END = "<!-- END GENERATED -->";

    /** The generated examples block (markdown). */
    static String examples() {
        StringBuilder sb = new StringBuilder();
        section(sb, "users=1000,seed=42,lang=en,signals=all", 128, 4);
        section(sb, "users=1000,seed=42,lang=en,signals=text", 128, 3);
        section(sb, "users=1000,seed=42,lang=zh,signals=text", 128, 3);
        section(sb, "users=1000,seed=42,lang=zh,signals=attributes+behaviour", 128, 3);
        section(sb, "users=1000,seed=42,lang=en,signals=all", 40, 3);
        section(sb, "users=1000,seed=42,lang=zh,signals=all", 40, 3);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String spec, int budget, int users) {
        SyntheticData s = SyntheticGenerator.generate(SyntheticConfig.parse(spec));
        ProfileTexts p = new ProfileTextBuilder(ProfileConfig.defaults().withTokenBudget(budget)).build(s.dataset());
        sb.append("**`").append(spec).append("`**, token budget ").append(budget)
                .append(" (default estimate), detected language ").append(p.language()).append(":\n\n");
        for (int u = 0; u < users; u++) {
            sb.append("- `").append(s.dataset().users().ids().id(u)).append("` (planted: ")
                    .append(s.truth().names().get(s.truth().segment(u))).append(", ")
                    .append(TokenEstimate.count(p.text(u))).append(" tokens): ").append(p.text(u)).append('\n');
        }
        sb.append('\n');
    }

    @Test
    void docs_examples_match_the_code() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        assertTrue(b >= 0 && e > b, DOC + " lacks the generated block markers");
        String generated = "\n" + examples();
        if (Boolean.getBoolean("cohortlm.updateDocs")) {
            doc = doc.substring(0, b + BEGIN.length()) + generated + doc.substring(e);
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
            b = doc.indexOf(BEGIN);
            e = doc.indexOf(END);
        }
        assertEquals(generated, doc.substring(b + BEGIN.length(), e),
                "docs/profiles.md examples drifted; rerun with -Dcohortlm.updateDocs=true");
    }
}
