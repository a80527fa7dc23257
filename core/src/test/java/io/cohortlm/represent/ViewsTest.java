package io.cohortlm.represent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.EncoderIdentity;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ViewsTest {
    /** Two planted groups of 30 users: group g buys items of block g, is aged ~25 or ~60, lives in A or B. */
    static Dataset twoGroups(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Users users = new Users();
        AttributeColumn age = users.declare(new AttributeSpec("age", AttributeKind.NUMERIC, false));
        AttributeColumn city = users.declare(new AttributeSpec("city", AttributeKind.CATEGORICAL, false));
        AttributeColumn email = users.declare(new AttributeSpec("email", AttributeKind.CATEGORICAL, true));
        Items items = new Items();
        for (int i = 0; i < 40; i++) {
            int row = items.addRow("i" + i);
            items.setTitle(row, (i < 20 ? "camping lantern " : "kitchen knife ") + (i % 7));
        }
        Events ev = new Events();
        byte buy = ev.types().code("purchase");
        for (int u = 0; u < 60; u++) {
            int g = u % 2;
            int row = users.addRow("u" + u);
            age.setNumber(row, (g == 0 ? 25 : 60) + rnd.nextInt(5));
            city.setLevel(row, g == 0 ? "A" : "B");
            email.setLevel(row, "person" + u + "@example.com");
            for (int k = 0; k < 6; k++) {
                ev.add(row, g * 20 + rnd.nextInt(20), buy, 1f, 2f, 1_600_000_000L + k * 86400L);
            }
        }
        users.seal();
        return new Dataset("two-groups", users, items, ev);
    }

    /** Encodes "camping…" near e0 and "kitchen…" near e1; counts texts encoded. */
    static final class KeywordEncoder implements Encoder {
        final AtomicInteger encoded = new AtomicInteger();

        @Override
        public EncoderIdentity identity() {
            return new EncoderIdentity("keyword-fake", "0", 4, "none", false);
        }

        @Override
        public float[][] encode(List<String> texts) {
            encoded.addAndGet(texts.size());
            float[][] out = new float[texts.size()][4];
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                out[i][t.startsWith("camping") ? 0 : 1] = 1f;
                out[i][2] = (t.hashCode() % 7) / 70f;
            }
            return out;
        }

        @Override
        public int countTokens(String text) {
            return text.split("\\s+").length;
        }

        @Override
        public int maxTokens() {
            return 128;
        }
    }

    static double meanDistance(float[][] v, int groupA, int groupB) {
        double s = 0;
        int c = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = i + 1; j < v.length; j++) {
                if (i % 2 == groupA && j % 2 == groupB || i % 2 == groupB && j % 2 == groupA) {
                    double d = 0;
                    for (int k = 0; k < v[i].length; k++) {
                        d += (v[i][k] - v[j][k]) * (v[i][k] - v[j][k]);
                    }
                    s += Math.sqrt(d);
                    c++;
                }
            }
        }
        return s / c;
    }

    static void assertSeparates(ViewVectors v) {
        double within = (meanDistance(v.vectors(), 0, 0) + meanDistance(v.vectors(), 1, 1)) / 2;
        double between = meanDistance(v.vectors(), 0, 1);
        assertTrue(between > 2 * within, v.view() + ": between " + between + " vs within " + within);
    }

    @Test
    void every_view_separates_groups_planted_in_its_signal() {
        Dataset d = twoGroups(1);
        assertSeparates(AttributeView.defaults().compute(d).normalizeRows());
        assertSeparates(new BehaviourView(4, EventWeights.defaults(), 7).compute(d).normalizeRows());
        assertSeparates(new ItemTextView(new KeywordEncoder(), EventWeights.defaults()).compute(d).normalizeRows());
    }

    @Test
    void attribute_view_leaves_out_personal_columns() {
        ViewVectors v = AttributeView.defaults().compute(twoGroups(1));
        assertEquals(List.of("age", "city"), v.diagnostics().get("attributes_used"));
        assertEquals(3, v.dimension(), "age z-score + 2 city levels");
    }

    @Test
    void item_text_view_encodes_each_distinct_text_once() {
        KeywordEncoder enc = new KeywordEncoder();
        new ItemTextView(enc, EventWeights.defaults()).compute(twoGroups(1));
        assertEquals(14, enc.encoded.get(), "40 items but 14 distinct titles");
    }

    @Test
    void hybrid_concatenates_normalised_views_scaled_by_root_weight() {
        Dataset d = twoGroups(2);
        HybridRepresentation h = new HybridRepresentation(List.of(
                new HybridRepresentation.WeightedView(AttributeView.defaults(), 4.0),
                new HybridRepresentation.WeightedView(new BehaviourView(4, EventWeights.defaults(), 7), 1.0),
                new HybridRepresentation.WeightedView(new ItemTextView(new KeywordEncoder(), EventWeights.defaults()), 0)));
        HybridRepresentation.Result r = h.compute(d);
        assertEquals(2, r.blocks().size(), "zero-weight view skipped");
        assertEquals(3 + 4, r.dimension());
        for (float[] row : r.vectors()) {
            double a = 0;
            double b = 0;
            for (int k = 0; k < 3; k++) {
                a += row[k] * row[k];
            }
            for (int k = 3; k < 7; k++) {
                b += row[k] * row[k];
            }
            assertEquals(4.0, a, 1e-4, "attribute block has squared norm = weight");
            assertEquals(1.0, b, 1e-4, "behaviour block has squared norm = weight");
        }
    }

    @Test
    void bad_weights_are_refused_with_the_view_named() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HybridRepresentation.WeightedView(AttributeView.defaults(), -1));
        assertTrue(e.getMessage().contains("attributes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HybridRepresentation(
                List.of(new HybridRepresentation.WeightedView(AttributeView.defaults(), 0))));
    }
}
