package io.cohortlm.explain;

import io.cohortlm.explain.persona.Persona;
import io.cohortlm.explain.persona.PersonaFacts;
import io.cohortlm.explain.persona.TemplatePersonaWriter;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The whole explain stage in one call, with the offline defaults: features → profiles → surrogate rules →
 * template personas. Use the parts directly for an LLM persona writer or overrides. Immutable, thread-safe.
 */
public final class SegmentExplainer {
    /**
     * @param profiles  profile settings
     * @param surrogate surrogate-tree settings
     * @param language  persona language
     */
    public record Config(ProfileConfig profiles, SurrogateConfig surrogate, TemplatePersonaWriter.Language language) {
        public Config {
            Objects.requireNonNull(profiles, "profiles");
            Objects.requireNonNull(surrogate, "surrogate");
            Objects.requireNonNull(language, "language");
        }

        public static Config defaults() {
            return new Config(ProfileConfig.defaults(), SurrogateConfig.defaults(), TemplatePersonaWriter.Language.EN);
        }
    }

    /**
     * Everything the stage produces. Not yet filtered by the privacy floor: pass it through
     * {@code io.cohortlm.export.SegmentExports} before it leaves the process.
     */
    public record Result(InterpretableFeatures features, SegmentProfiles profiles, SurrogateRules rules,
            List<PersonaFacts> facts, List<Persona> personas, double seconds) {
        public Result {
            facts = List.copyOf(facts);
            personas = List.copyOf(personas);
        }
    }

    private final Config config;

    public SegmentExplainer(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Result explain(SegmentedUsers in, Function<String, String> pseudonymizer) {
        long t0 = System.nanoTime();
        InterpretableFeatures feats = InterpretableFeatures.build(in.data(), config.profiles().features());
        SegmentProfiles profiles = new SegmentProfiler(config.profiles()).profile(in, feats, pseudonymizer);
        SurrogateRules rules = new SurrogateTrainer(config.surrogate()).fit(in, feats);
        Set<String> personal = PersonaFacts.personalTerms(in.data());
        List<PersonaFacts> facts = profiles.segments().stream()
                .map(p -> PersonaFacts.of(p, personal, config.profiles().minKeywordUsers())).toList();
        List<Persona> personas = new TemplatePersonaWriter(config.language()).write(facts);
        return new Result(feats, profiles, rules, facts, personas, (System.nanoTime() - t0) / 1e9);
    }
}
