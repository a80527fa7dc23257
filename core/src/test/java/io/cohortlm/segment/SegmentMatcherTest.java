package io.cohortlm.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentMatcherTest {

    @Test
    void hungarian_finds_the_cheapest_assignment() {
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        assertArrayEquals(new int[] {1, 0, 2}, Hungarian.solve(cost));
        double[][] wide = {{9, 1, 9, 9}, {1, 9, 9, 9}};
        assertArrayEquals(new int[] {1, 0}, Hungarian.solve(wide));
        double[][] tall = {{9, 1}, {1, 9}, {5, 5}};
        int[] r = Hungarian.solve(tall);
        assertEquals(1, r[0]);
        assertEquals(0, r[1]);
        assertEquals(-1, r[2]);
    }

    @Test
    void retrain_with_permuted_segments_keeps_ids() {
        // Previous: ids 10, 11, 12 over users 0..299 by u % 3. Current: same groups, but indices permuted.
        Map<String, Integer> prev = new HashMap<>();
        Map<String, Integer> cur = new HashMap<>();
        for (int u = 0; u < 300; u++) {
            prev.put("u" + u, u % 3);
            cur.put("u" + u, (u % 3 + 1) % 3);
        }
        float[][] c = {{0, 0}, {1, 1}, {2, 2}};
        SegmentMatcher.Diff d = SegmentMatcher.defaults().match(
                new SegmentMatcher.Side(new int[] {10, 11, 12}, c, prev),
                new SegmentMatcher.Side(new int[] {0, 1, 2}, c, cur));
        assertArrayEquals(new int[] {12, 10, 11}, d.stableIds());
        assertEquals(List.of(12, 10, 11), d.kept());
        assertEquals(0.0, d.churn(), 1e-12);
        assertTrue(d.created().isEmpty() && d.retired().isEmpty());
    }

    @Test
    void split_merge_new_and_retired_are_reported() {
        // Previous: A (u0-99), B (u100-199), C (u200-299).
        // Current: A split into two halves; B and C merged; plus a brand-new segment of new users.
        Map<String, Integer> prev = new HashMap<>();
        Map<String, Integer> cur = new HashMap<>();
        for (int u = 0; u < 300; u++) {
            prev.put("u" + u, u / 100);
        }
        for (int u = 0; u < 300; u++) {
            cur.put("u" + u, u < 50 ? 0 : u < 100 ? 1 : 2);
        }
        for (int u = 300; u < 380; u++) {
            cur.put("u" + u, 3);
        }
        float[][] pc = {{0, 0}, {5, 5}, {6, 6}};
        float[][] cc = {{0, 0}, {0.5f, 0.5f}, {5.5f, 5.5f}, {20, 20}};
        SegmentMatcher.Diff d = SegmentMatcher.defaults().match(
                new SegmentMatcher.Side(new int[] {0, 1, 2}, pc, prev),
                new SegmentMatcher.Side(new int[] {0, 1, 2, 3}, cc, cur));
        assertEquals(300, d.sharedUsers());
        assertEquals(2, d.split().get(0).size(), "A split: " + d.split());
        int mergedId = d.stableIds()[2];
        assertEquals(2, d.merged().get(mergedId).size(), "B+C merged: " + d.merged());
        assertTrue(d.created().contains(d.stableIds()[3]), "new segment gets a fresh id");
        assertTrue(d.stableIds()[3] >= 3, "fresh ids are above every previous id");
        assertEquals(1, d.retired().size(), "one of B/C has no successor: " + d.retired());
        assertTrue(d.churn() > 0 && d.churn() < 1);
    }
}
