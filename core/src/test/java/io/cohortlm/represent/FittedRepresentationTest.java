package io.cohortlm.represent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.synth.SyntheticConfig;
import io.cohortlm.synth.SyntheticGenerator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FittedRepresentationTest {
    private static Dataset data() {
        return SyntheticGenerator.generate(SyntheticConfig.parse(
                "users=300,segments=3,seed=5,signals=attributes+behaviour+text")).dataset();
    }

    /** The training user's own attributes and history, as a service would receive them. */
    private static FittedRepresentation.Input inputOf(Dataset d, FittedRepresentation f, int u) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (AttributeColumn c : d.users().columns()) {
            if (!c.isMissing(u)) {
                attrs.put(c.name(), c.format(u));
            }
        }
        FittedRepresentation.History h = new FittedRepresentation.History();
        Events ev = d.events();
        for (int e = 0; e < ev.size(); e++) {
            if (ev.user(e) == u) {
                h.add(ev.item(e), f.eventWeights().weight(ev.typeName(e), ev.value(e), ev.time(e), f.now()));
            }
        }
        int[] items = h.items();
        return new FittedRepresentation.Input(attrs, null, items, h.weights(items));
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int k = 0; k < a.length; k++) {
            m = Math.max(m, Math.abs(a[k] - b[k]));
        }
        return m;
    }

    @Test
    void a_training_user_folded_in_gets_their_stored_vector_back(@TempDir Path dir) {
        Dataset d = data();
        for (String pca : new String[] {null, "12"}) {
            RepresentationConfig cfg = RepresentationConfig.of("items,behaviour,attributes", null, pca, 3);
            UserVectors uv = new RepresentationJob(cfg, new ViewsTest.KeywordEncoder(), EventWeights.defaults(),
                    id -> "p_" + id).run(d);
            Path out = dir.resolve(pca == null ? "plain" : "pca");
            uv.write(out, false);
            FittedRepresentation f = UserVectors.read(out).representation();
            assertNotNull(f, "representation.json is written next to the vectors");
            assertEquals(uv.dimension(), f.dimension());
            double worst = 0;
            for (int u = 0; u < d.users().size(); u++) {
                FittedRepresentation.Result r = f.represent(inputOf(d, f, u));
                worst = Math.max(worst, maxAbsDiff(uv.vectors()[u], r.vector()));
            }
            assertTrue(worst < 1e-4, "pca=" + pca + ": folded-in vectors differ from stored by up to " + worst);
        }
    }

    @Test
    void shifting_a_stored_vector_by_new_events_equals_folding_in_the_longer_history(@TempDir Path dir) {
        Dataset d = data();
        RepresentationConfig cfg = RepresentationConfig.of("items,behaviour,attributes", null, "10", 3);
        UserVectors uv = new RepresentationJob(cfg, new ViewsTest.KeywordEncoder(), EventWeights.defaults(),
                id -> id).run(d);
        FittedRepresentation f = uv.representation();
        int u = 17;
        FittedRepresentation.Input before = inputOf(d, f, u);
        FittedRepresentation.History more = new FittedRepresentation.History();
        for (int p = 0; p < before.items().length; p++) {
            more.add(before.items()[p], before.itemWeights()[p]);
        }
        for (int other = u + 1; other < u + 20; other++) {
            FittedRepresentation.Input o = inputOf(d, f, other);
            for (int p = 0; p < o.items().length; p++) {
                more.add(o.items()[p], 5.0);
            }
        }
        int[] items = more.items();
        FittedRepresentation.Input after = new FittedRepresentation.Input(before.attributes(), null, items,
                more.weights(items));
        float[] shifted = f.shift(uv.vectors()[u], f.represent(before).hybrid(), f.represent(after).hybrid());
        assertTrue(maxAbsDiff(shifted, f.represent(after).vector()) < 1e-4);
        assertTrue(maxAbsDiff(f.represent(before).hybrid(), f.represent(after).hybrid()) > 1e-2, "new events moved the "
                + "hybrid vector");
    }

    @Test
    void unknown_attributes_and_levels_are_reported_not_guessed() {
        Dataset d = data();
        RepresentationConfig cfg = RepresentationConfig.of("attributes", null, null, 3);
        FittedRepresentation f = new RepresentationJob(cfg, null, EventWeights.defaults(), id -> id).run(d)
                .representation();
        String someColumn = f.attributes().features().get(0).name();
        Map<String, String> in = new LinkedHashMap<>();
        in.put("shoe_size", "44");
        in.put(someColumn, f.attributes().features().get(0).numeric() ? "not-a-number" : "(never seen level)");
        FittedRepresentation.Result r = f.represent(new FittedRepresentation.Input(in, null, null, null));
        assertTrue(r.attributes().ignored().contains("shoe_size"));
        assertEquals(List.of(), r.viewsUsed(), "nothing usable: the vector stays at the origin");
    }

    @Test
    void a_profile_text_stands_in_for_the_item_view_when_the_model_has_no_text_view() {
        Dataset d = data();
        RepresentationConfig cfg = RepresentationConfig.of("items", null, null, 3);
        FittedRepresentation f = new RepresentationJob(cfg, new ViewsTest.KeywordEncoder(), EventWeights.defaults(),
                id -> id).run(d).representation();
        assertTrue(f.acceptsText());
        float[] text = new ViewsTest.KeywordEncoder().encode(List.of("camping lantern")).clone()[0];
        FittedRepresentation.Result r = f.represent(new FittedRepresentation.Input(Map.of(), text, null, null));
        assertEquals(List.of("items"), r.viewsUsed());
    }
}
