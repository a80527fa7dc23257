package io.cohortlm.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.recommend.PlantedData;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.UserItemMatrix;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SplitsTest {
    static final long SEED = 3;
    static PlantedData planted;
    static UserItemMatrix full;
    static long[] times;

    @BeforeAll
    static void build() {
        planted = new PlantedData(200, 100, 4, 12, 0.8, SEED);
        full = UserItemMatrix.of(planted.data, EventWeights.defaults());
        times = full.firstTimes(planted.data);
    }

    /** Every test item is absent from the training matrix; a warm case's history is its training row. */
    static void assertNoLeakage(Split s) {
        UserItemMatrix train = full.select(p -> s.train()[p]);
        for (EvalCase c : s.cases()) {
            Set<Integer> trainRow = new HashSet<>();
            for (int p = train.rowStart(c.user()); p < train.rowEnd(c.user()); p++) {
                trainRow.add(train.col(p));
            }
            assertTrue(c.test().length > 0, s.name() + ": empty test for user " + c.user());
            for (int i : c.test()) {
                assertFalse(trainRow.contains(i), s.name() + ": test item " + i + " of user " + c.user()
                        + " is in training");
                assertTrue(Arrays.binarySearch(c.items(), i) < 0, s.name() + ": test item " + i + " is revealed");
            }
            if (c.heldOut()) {
                assertEquals(0, trainRow.size(), s.name() + ": held-out user " + c.user() + " has training rows");
            } else {
                assertEquals(trainRow.size(), c.items().length, s.name() + ": history is not the training row");
            }
        }
    }

    @Test
    void random_split_holds_out_a_fifth_per_user_without_leakage_and_depends_on_the_seed() {
        Split a = Splits.random(full, 0.2, 0);
        Split b = Splits.random(full, 0.2, 1);
        assertNoLeakage(a);
        assertNoLeakage(b);
        long held = 0;
        for (boolean t : a.train()) {
            held += t ? 0 : 1;
        }
        assertEquals(0.2, (double) held / full.nonZeros(), 0.03);
        assertFalse(Arrays.equals(a.train(), b.train()), "seeds 0 and 1 gave the same split");
        assertTrue(Arrays.equals(a.train(), Splits.random(full, 0.2, 0).train()), "same seed, different split");
    }

    @Test
    void temporal_split_tests_only_entries_after_the_cut() {
        Split s = Splits.temporal(full, times, 0.2);
        assertNotNull(s);
        assertNoLeakage(s);
        long cutMin = Long.MAX_VALUE;
        long trainMax = Long.MIN_VALUE;
        for (int p = 0; p < times.length; p++) {
            if (s.train()[p]) {
                trainMax = Math.max(trainMax, times[p]);
            } else {
                cutMin = Math.min(cutMin, times[p]);
            }
        }
        assertTrue(trainMax < cutMin, "a training entry is later than a test entry");
    }

    @Test
    void cold_and_fewshot_hold_users_out_entirely_and_reveal_the_earliest_items() {
        Split s = Splits.coldAndFewshot(full, times, 0.2, 5, SEED);
        assertNoLeakage(s);
        long cold = s.cases().stream().filter(c -> c.protocol().equals("cold")).count();
        assertEquals(Math.round(200 * 0.2), cold);
        for (EvalCase c : s.cases()) {
            if (c.protocol().equals("fewshot")) {
                assertEquals(c.shots(), c.items().length);
                long lastRevealed = Long.MIN_VALUE;
                long firstHidden = Long.MAX_VALUE;
                for (int p = full.rowStart(c.user()); p < full.rowEnd(c.user()); p++) {
                    if (Arrays.binarySearch(c.items(), full.col(p)) >= 0) {
                        lastRevealed = Math.max(lastRevealed, times[p]);
                    } else {
                        firstHidden = Math.min(firstHidden, times[p]);
                    }
                }
                assertTrue(lastRevealed <= firstHidden, "user " + c.user() + ": a revealed item is later than a"
                        + " hidden one");
            }
        }
    }

    @Test
    void cold_items_remove_every_event_of_the_new_items_and_the_warm_reference_keeps_the_same_test() {
        java.util.List<Split> runs = Splits.coldItems(full, 0.2, 0.2, SEED);
        Split cold = runs.get(0);
        Split warm = runs.get(1);
        assertTrue(cold.coldItems());
        assertFalse(warm.coldItems());
        assertNoLeakage(cold);
        assertNoLeakage(warm);
        int[] counts = full.itemUserCounts();
        long withEvents = Arrays.stream(counts).filter(c -> c > 0).count();
        assertEquals(Math.round(withEvents * 0.2), cold.newItems().length);
        Set<Integer> fresh = new HashSet<>();
        for (int i : cold.newItems()) {
            fresh.add(i);
        }
        UserItemMatrix coldTrain = full.select(p -> cold.train()[p]);
        for (int i : cold.newItems()) {
            assertEquals(0, coldTrain.itemUserCounts()[i], "new item " + i + " has training events");
        }
        int newCases = 0;
        for (EvalCase c : cold.cases()) {
            for (int i : c.test()) {
                boolean isNew = fresh.contains(i);
                if (c.protocol().equals(Splits.COLD_ITEMS_NEW)) {
                    assertTrue(isNew, "cold-items:new holds old item " + i);
                } else if (c.protocol().equals(Splits.COLD_ITEMS_OLD)) {
                    assertFalse(isNew, "cold-items:old holds new item " + i);
                }
            }
            newCases += c.protocol().equals(Splits.COLD_ITEMS_NEW) ? 1 : 0;
            // The history never holds a new item.
            for (int i : c.items()) {
                assertFalse(fresh.contains(i), "user " + c.user() + " has new item " + i + " in history");
            }
        }
        assertTrue(newCases > 20, "too few users hold out a new item: " + newCases);
        // The reference evaluates the same users on the same new items, with those items warm.
        java.util.Map<Integer, int[]> coldNew = new java.util.HashMap<>();
        cold.cases().stream().filter(c -> c.protocol().equals(Splits.COLD_ITEMS_NEW))
                .forEach(c -> coldNew.put(c.user(), c.test()));
        java.util.List<EvalCase> warmNew = warm.cases().stream()
                .filter(c -> c.protocol().equals(Splits.COLD_ITEMS_WARM_NEW)).toList();
        assertEquals(coldNew.size(), warmNew.size());
        UserItemMatrix warmTrain = full.select(p -> warm.train()[p]);
        long warmNewEvents = 0;
        for (EvalCase c : warmNew) {
            assertTrue(Arrays.equals(coldNew.get(c.user()), c.test()), "user " + c.user());
        }
        assertEquals(cold.cases().stream().filter(c -> c.protocol().equals(Splits.COLD_ITEMS_OLD)).count(),
                warm.cases().stream().filter(c -> c.protocol().equals(Splits.COLD_ITEMS_WARM_OLD)).count());
        for (int i : cold.newItems()) {
            warmNewEvents += warmTrain.itemUserCounts()[i];
        }
        assertTrue(warmNewEvents > 0, "the reference has no events on the new items");
        // Held-out entries are the same in both runs: the warm run trains on a superset of the cold run.
        for (int p = 0; p < full.nonZeros(); p++) {
            assertTrue(!cold.train()[p] || warm.train()[p]);
            if (!warm.train()[p]) {
                assertFalse(cold.train()[p]);
            }
        }
    }
}
