package io.cohortlm.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.represent.AttributeView;
import io.cohortlm.represent.HybridRepresentation;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quality regression on planted segments: the explanations recover what was planted. */
class ExplainPlantedTest {
    static SegmentedUsers in;
    static InterpretableFeatures feats;
    static SegmentProfiles profiles;

    @BeforeAll
    static void setUp() {
        in = PlantedSegments.build(new int[] {60, 60, 60}, 7);
        feats = InterpretableFeatures.build(in.data(), InterpretableFeatures.Config.defaults());
        profiles = new SegmentProfiler(ProfileConfig.defaults()).profile(in, feats, PlantedSegments.PSEUDO);
    }

    @Test
    void personal_columns_never_become_features() {
        assertTrue(feats.features().stream().noneMatch(f -> f.attribute().equals("email")));
        assertTrue(feats.indexOf("country = France") >= 0);
        assertTrue(feats.indexOf("frequency") >= 0 && feats.indexOf("monetary") >= 0);
    }

    @Test
    void each_segment_is_distinguished_by_its_planted_country_and_age() {
        for (int g = 0; g < 3; g++) {
            SegmentProfile p = profiles.segments().get(g);
            String level = "country = " + PlantedSegments.COUNTRY[g];
            SegmentProfile.FeatureLift country = p.distinguishing().stream()
                    .filter(l -> l.feature().equals(level)).findFirst().orElseThrow(() -> new AssertionError(
                            "segment " + p.key() + " lacks " + level + ": " + p.distinguishing()));
            assertTrue(country.lift() > 2.2, "lift " + country.lift());
            assertTrue(country.qValue() < 1e-6, "q " + country.qValue());
            var age = p.distinguishing().stream().filter(l -> l.feature().equals("age")).findFirst();
            if (g == 1) {
                // planted at the population mean: must NOT be reported as distinguishing
                assertTrue(age.isEmpty(), age.toString());
            } else {
                assertEquals(PlantedSegments.AGE[g], age.orElseThrow().segmentValue(), 3.0);
                assertEquals(Math.signum(PlantedSegments.AGE[g] - 45), Math.signum(age.orElseThrow().effect()));
            }
        }
        assertEquals(60, profiles.segments().get(0).size());
        assertEquals(2, profiles.outliers());
        assertEquals(60.0 / 182, profiles.segments().get(0).share(), 1e-12);
    }

    @Test
    void top_category_is_the_planted_one_and_a_single_purchase_cannot_top_the_items() {
        for (int g = 0; g < 3; g++) {
            SegmentProfile p = profiles.segments().get(g);
            assertEquals(PlantedSegments.CATEGORY[g], p.categories().get(0).category());
            assertTrue(p.categories().get(0).lift() > 1.3, "lift " + p.categories().get(0).lift());
            String prefix = "item-" + g;
            assertEquals(5, p.items().size());
            assertTrue(p.items().stream().allMatch(i -> i.users() >= 5 && i.itemId().startsWith(prefix)),
                    p.items().toString());
        }
        assertTrue(profiles.segments().get(0).items().stream().noneMatch(i -> i.itemId().equals("item-unicorn")));
        assertTrue(profiles.segments().get(0).categories().stream()
                .noneMatch(c -> c.category().equals("Collectibles")));
    }

    @Test
    void keywords_recover_planted_words_in_english_and_chinese() {
        List<String> k0 = terms(0);
        List<String> k1 = terms(1);
        List<String> k2 = terms(2);
        assertTrue(k0.contains("camping") && k0.contains("tent"), k0.toString());
        assertTrue(k1.contains("kitchen") && k1.contains("knife"), k1.toString());
        assertTrue(k2.contains("园艺") && k2.contains("garden"), k2.toString());
        assertFalse(k0.contains("unicorn"), "one user's word must not be a keyword: " + k0);
        assertFalse(k0.contains("the"));
    }

    private static List<String> terms(int s) {
        return profiles.segments().get(s).keywords().stream().map(SegmentProfile.Keyword::term).toList();
    }

    @Test
    void representatives_are_pseudonymised_members_nearest_the_centroid() {
        SegmentProfile p = profiles.segments().get(1);
        assertEquals(3, p.representatives().size());
        for (String r : p.representatives()) {
            assertFalse(r.startsWith("user-"), r);
        }
        // the first representative is the member nearest the centroid
        int best = -1;
        for (int u = 0; u < in.userSegment().length; u++) {
            if (in.userSegment()[u] == 1 && (best < 0 || in.distance2(u, 1) < in.distance2(best, 1))) {
                best = u;
            }
        }
        assertEquals(PlantedSegments.PSEUDO.apply("user-" + best), p.representatives().get(0));
    }

    @Test
    void surrogate_rules_recover_the_planted_segments_with_high_fidelity() {
        SurrogateRules r = new SurrogateTrainer(SurrogateConfig.defaults()).fit(in, feats);
        System.out.printf("surrogate fidelity train %.3f holdout %.3f, %d leaves%n", r.fidelityTrain(),
                r.fidelityHoldout(), r.leaves());
        r.rules().forEach(x -> System.out.println("  " + x.text()));
        assertTrue(r.fidelityTrain() >= 0.9, "train fidelity " + r.fidelityTrain());
        assertTrue(r.fidelityHoldout() >= 0.85, "holdout fidelity " + r.fidelityHoldout());
        assertEquals(45, r.holdoutUsers());
        assertTrue(r.depth() <= 3);
        for (int g = 0; g < 3; g++) {
            List<SurrogateRules.Rule> rules = r.rulesFor(g);
            assertFalse(rules.isEmpty(), "no rule for segment " + g);
            String planted = "country = " + PlantedSegments.COUNTRY[g];
            String cat = "share: " + PlantedSegments.CATEGORY[g];
            boolean mentions = rules.stream().flatMap(x -> x.conditions().stream())
                    .anyMatch(c -> c.startsWith(planted) || c.startsWith(cat) || c.startsWith("age")
                            || c.startsWith("frequency") || c.startsWith("monetary") || c.startsWith("recency"));
            assertTrue(mentions, rules.toString());
            assertTrue(rules.get(0).precision() > 0.8, rules.get(0).text());
        }
    }

    @Test
    void without_the_age_shortcut_rules_use_the_planted_country_and_category_shares() {
        SegmentedUsers noAge = PlantedSegments.build(new int[] {60, 60, 60}, 7, false);
        InterpretableFeatures f = InterpretableFeatures.build(noAge.data(), InterpretableFeatures.Config.defaults());
        SurrogateRules r = new SurrogateTrainer(new SurrogateConfig(3, 5, 0.25, 50_000, 42)).fit(noAge, f);
        System.out.printf("surrogate (no age) fidelity train %.3f holdout %.3f, %d leaves%n", r.fidelityTrain(),
                r.fidelityHoldout(), r.leaves());
        r.rules().forEach(x -> System.out.println("  " + x.text()));
        assertTrue(r.fidelityHoldout() >= 0.85, "holdout fidelity " + r.fidelityHoldout());
        for (int g = 0; g < 3; g++) {
            String country = "country = " + PlantedSegments.COUNTRY[g];
            String share = "share: " + PlantedSegments.CATEGORY[g] + " ≥";
            String freq = "frequency";
            assertTrue(r.rulesFor(g).stream().flatMap(x -> x.conditions().stream())
                    .anyMatch(c -> c.equals(country) || c.startsWith(share) || c.startsWith(freq)
                            || c.startsWith("monetary") || c.startsWith("recency")), r.rulesFor(g).toString());
        }
    }

    @Test
    void with_ten_percent_label_noise_fidelity_drops_to_about_ninety_percent_and_rules_stay_planted() {
        SegmentedUsers big = PlantedSegments.build(new int[] {300, 300, 300}, 21);
        int[] noisy = big.userSegment().clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        int flipped = 0;
        for (int u = 0; u < noisy.length; u++) {
            if (noisy[u] >= 0 && rnd.nextDouble() < 0.10) {
                noisy[u] = (noisy[u] + 1 + rnd.nextInt(2)) % 3;
                flipped++;
            }
        }
        SegmentedUsers in2 = new SegmentedUsers(big.data(), noisy, big.vectors(), big.centroids(), big.blocks(),
                null, null);
        InterpretableFeatures f = InterpretableFeatures.build(in2.data(), InterpretableFeatures.Config.defaults());
        SurrogateRules r = new SurrogateTrainer(SurrogateConfig.defaults()).fit(in2, f);
        System.out.printf("surrogate with %d/900 flipped labels: fidelity train %.3f holdout %.3f%n", flipped,
                r.fidelityTrain(), r.fidelityHoldout());
        double ceiling = 1 - flipped / 900.0;
        assertTrue(r.fidelityHoldout() > ceiling - 0.05 && r.fidelityHoldout() < ceiling + 0.05,
                "holdout " + r.fidelityHoldout() + " vs label-noise ceiling " + ceiling);
        assertTrue(r.rulesFor(0).get(0).precision() > 0.8);
    }

    @Test
    void profiles_round_trip_through_json() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String text = json.writeValueAsString(profiles);
        SegmentProfiles back = json.readValue(text, SegmentProfiles.class);
        assertEquals(profiles, back);
    }

    @Test
    void dimension_names_come_from_the_real_attribute_view() {
        HybridRepresentation.Result h = new HybridRepresentation(List.of(
                new HybridRepresentation.WeightedView(AttributeView.defaults(), 1))).compute(in.data());
        float[][] cents = new float[3][h.dimension()];
        int[] n = new int[3];
        for (int u = 0; u < h.vectors().length; u++) {
            int s = in.userSegment()[u];
            if (s >= 0) {
                n[s]++;
                for (int d = 0; d < h.dimension(); d++) {
                    cents[s][d] += h.vectors()[u][d];
                }
            }
        }
        for (int s = 0; s < 3; s++) {
            for (int d = 0; d < h.dimension(); d++) {
                cents[s][d] /= n[s];
            }
        }
        SegmentedUsers real = new SegmentedUsers(in.data(), in.userSegment(), h.vectors(), cents, h.blocks(), null,
                null);
        int u = 0;
        while (!(in.userSegment()[u] == 2 && "United Kingdom".equals(in.data().users().column("country").level(u)))) {
            u++;
        }
        UserExplanation e = new UserExplainer(real, feats, profiles, PlantedSegments.PSEUDO).explain(u);
        List<String> names = e.dimensions().stream().map(UserExplanation.DimensionPull::name).toList();
        assertTrue(names.contains("attributes:country=United Kingdom") || names.contains("attributes:age"),
                names.toString());
        assertTrue(names.stream().noneMatch(x -> x.contains("email")), names.toString());
    }

    @Test
    void user_explanation_splits_the_pull_by_view_and_names_matching_values() {
        int u = 0;
        while (!(in.userSegment()[u] == 0
                && "France".equals(in.data().users().column("country").level(u)))) {
            u++;
        }
        UserExplanation e = new UserExplainer(in, feats, profiles, PlantedSegments.PSEUDO).explain(u);
        assertEquals(0, e.segment());
        assertNotEquals(0, e.runnerUp());
        assertTrue(e.margin() > 0 && e.confidence() > 0 && e.confidence() <= 1);
        assertEquals(1.0, e.views().stream().mapToDouble(UserExplanation.ViewPull::share).sum(), 1e-9);
        double d2 = in.distance2(u, e.runnerUp()) - in.distance2(u, 0);
        assertEquals(d2, e.views().stream().mapToDouble(UserExplanation.ViewPull::contribution).sum(), 1e-4);
        assertEquals("attributes", e.views().get(0).view(), "planted attribute signal is twice the behaviour's");
        assertEquals("attributes:#0", e.dimensions().get(0).name(), "dim 0 carries segment 0's planted signal");
        assertTrue(e.reasons().stream().anyMatch(r -> r.feature().equals("country = France") && r.userValue() == 1));
        assertEquals(PlantedSegments.PSEUDO.apply("user-" + u), e.user());
    }
}
