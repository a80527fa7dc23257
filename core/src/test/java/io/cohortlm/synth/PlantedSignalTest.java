package io.cohortlm.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Interactions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Shows on the data itself that each signal is where docs/synthetic.md says it is, and only there. Each measure is
 * checked both where the signal is planted and where it is not, so a test passes for the reason it claims.
 */
class PlantedSignalTest {
    private static final String BASE = "users=1500,seed=17,segments=5,";

    @Test
    void text_only_item_ids_are_shared_about_as_often_within_as_across_segments() {
        double[] text = sharing(SyntheticGenerator.generate(SyntheticConfig.parse(BASE + "signals=text")));
        double[] behaviour = sharing(SyntheticGenerator.generate(SyntheticConfig.parse(BASE + "signals=behaviour")));
        double textRatio = text[0] / text[1];
        double behaviourRatio = behaviour[0] / behaviour[1];
        System.out.printf("P(pair shares an item | same segment) / (| different): text-only %.4f/%.4f = %.2f, "
                + "behaviour-only %.4f/%.4f = %.2f%n", text[0], text[1], textRatio, behaviour[0], behaviour[1],
                behaviourRatio);
        assertTrue(textRatio < 1.25, "text-only: within/across sharing ratio " + textRatio);
        assertTrue(behaviourRatio > 2.0, "behaviour-only: within/across sharing ratio " + behaviourRatio);
    }

    @Test
    void text_only_theme_words_of_consumed_items_match_the_users_segment() {
        SyntheticData text = SyntheticGenerator.generate(SyntheticConfig.parse(BASE + "signals=text"));
        SyntheticData behaviour = SyntheticGenerator.generate(SyntheticConfig.parse(BASE + "signals=behaviour"));
        double t = themeMatch(text);
        double b = themeMatch(behaviour);
        System.out.printf("users whose majority item theme is their segment's: text-only %.3f, behaviour-only %.3f%n",
                t, b);
        assertTrue(t > 0.9, "text-only theme match " + t);
        assertTrue(b < 0.5, "behaviour-only theme match " + b);
    }

    @Test
    void attributes_carry_segment_signal_only_when_planted() {
        double planted = ageSpread(SyntheticGenerator.generate(SyntheticConfig.parse(BASE + "signals=attributes")));
        double textOnly = ageSpread(SyntheticGenerator.generate(SyntheticConfig.parse(BASE + "signals=text")));
        System.out.printf("spread of per-segment mean age: attributes %.1f, text-only %.1f%n", planted, textOnly);
        assertTrue(planted > 10, "attributes planted: age spread " + planted);
        assertTrue(textOnly < 4, "text-only: age spread " + textOnly);
    }

    @Test
    void no_signal_means_neither_ids_nor_texts_follow_segments() {
        SyntheticData none = SyntheticGenerator.generate(SyntheticConfig.parse(BASE + "signals=none"));
        double[] s = sharing(none);
        assertTrue(s[0] / s[1] < 1.25, "none: sharing ratio " + s[0] / s[1]);
        assertTrue(themeMatch(none) < 0.5, "none: theme match " + themeMatch(none));
        assertTrue(ageSpread(none) < 4, "none: age spread " + ageSpread(none));
    }

    /**
     * {P(two users share an item | same segment), P(... | different segments)} over all user pairs.
     */
    static double[] sharing(SyntheticData s) {
        Dataset d = s.dataset();
        Interactions in = Interactions.byUser(d);
        int n = d.users().size();
        int[][] itemsOf = new int[n][];
        for (int u = 0; u < n; u++) {
            int[] es = in.events(u);
            int[] it = new int[es.length];
            for (int i = 0; i < es.length; i++) {
                it[i] = d.events().item(es[i]);
            }
            Arrays.sort(it);
            itemsOf[u] = it;
        }
        long sameShare = 0;
        long same = 0;
        long diffShare = 0;
        long diff = 0;
        for (int u = 0; u < n; u++) {
            for (int v = u + 1; v < n; v++) {
                boolean shares = intersects(itemsOf[u], itemsOf[v]);
                if (s.truth().segment(u) == s.truth().segment(v)) {
                    same++;
                    sameShare += shares ? 1 : 0;
                } else {
                    diff++;
                    diffShare += shares ? 1 : 0;
                }
            }
        }
        return new double[] {sameShare / (double) same, diffShare / (double) diff};
    }

    private static boolean intersects(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    /** Share of users with at least 3 events whose most frequent item theme (read from titles) is their own. */
    static double themeMatch(SyntheticData s) {
        Dataset d = s.dataset();
        Events ev = d.events();
        Interactions in = Interactions.byUser(d);
        int[] themeOfItem = new int[d.items().size()];
        for (int i = 0; i < themeOfItem.length; i++) {
            themeOfItem[i] = Themes.themeOfTitle(d.items().title(i));
        }
        int counted = 0;
        int matched = 0;
        for (int u = 0; u < d.users().size(); u++) {
            if (in.count(u) < 3) {
                continue;
            }
            int[] c = new int[Themes.ALL.size()];
            for (int k = in.start(u); k < in.end(u); k++) {
                c[themeOfItem[ev.item(in.event(k))]]++;
            }
            int best = 0;
            for (int t = 1; t < c.length; t++) {
                best = c[t] > c[best] ? t : best;
            }
            counted++;
            matched += Themes.ALL.get(best).key().equals(s.truth().names().get(s.truth().segment(u))) ? 1 : 0;
        }
        return matched / (double) counted;
    }

    /** Largest minus smallest mean age over segments. */
    static double ageSpread(SyntheticData s) {
        int k = s.truth().segmentCount();
        double[] sum = new double[k];
        int[] n = new int[k];
        for (int u = 0; u < s.truth().userCount(); u++) {
            sum[s.truth().segment(u)] += s.dataset().users().column("age").number(u);
            n[s.truth().segment(u)]++;
        }
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < k; i++) {
            lo = Math.min(lo, sum[i] / n[i]);
            hi = Math.max(hi, sum[i] / n[i]);
        }
        return hi - lo;
    }
}
