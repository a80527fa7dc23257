package io.cohortlm.represent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.Encoders;
import io.cohortlm.evaluate.AdjustedRandIndex;
import io.cohortlm.segment.KMeansClusterer;
import io.cohortlm.segment.KMeansConfig;
import io.cohortlm.segment.Matrix;
import io.cohortlm.synth.SyntheticConfig;
import io.cohortlm.synth.SyntheticData;
import io.cohortlm.synth.SyntheticGenerator;
import org.junit.jupiter.api.Test;

/**
 * Why a language model matters: segments planted only in the meaning of item texts (different item ids, texts
 * sharing a theme) are found by the item-text view with the real encoder, and not by the behaviour or attribute
 * views. Tolerances: ARI ≥ 0.80 for the text view, ≤ 0.10 for the others (planted k = 5, 600 users).
 */
class TextOnlySignalTest {
    static double ari(ViewVectors v, int[] truth, int k) {
        Matrix x = Matrix.of(v.normalizeRows().vectors());
        int[] labels = new KMeansClusterer(KMeansConfig.defaults(k).withSeed(3).withNInit(3)).fit(x).trainingLabels();
        return AdjustedRandIndex.score(truth, labels);
    }

    @Test
    void only_the_item_text_view_recovers_segments_planted_in_item_text() {
        SyntheticData s = SyntheticGenerator.generate(
                SyntheticConfig.parse("users=600,segments=5,signals=text,lang=en,seed=11,texts=80"));
        int[] truth = s.truth().segmentOfUser();
        try (Encoder enc = Encoders.byName("minilm-q")) {
            double text = ari(new ItemTextView(enc, EventWeights.defaults()).compute(s.dataset()), truth, 5);
            double behaviour = ari(new BehaviourView(16, EventWeights.defaults(), 5).compute(s.dataset()), truth, 5);
            double attributes = ari(AttributeView.defaults().compute(s.dataset()), truth, 5);
            String figures = String.format("ARI text %.3f, behaviour %.3f, attributes %.3f", text, behaviour, attributes);
            assertTrue(text >= 0.80, figures);
            assertTrue(behaviour <= 0.10, figures);
            assertTrue(attributes <= 0.10, figures);
            System.out.println("TextOnlySignalTest: " + figures);
        }
    }
}
