package io.cohortlm.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.evaluate.AdjustedRandIndex;
import io.cohortlm.recommend.PlantedData;
import io.cohortlm.recommend.UserQuery;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.UserItemMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SegmentResolutionTest {
    static final long SEED = 11;
    static PlantedData planted;
    static UserItemMatrix matrix;
    static FineSegments fine;

    @BeforeAll
    static void fit() {
        // 16 planted taste groups: the number of segments must come out of the data, not a default.
        planted = new PlantedData(1600, 480, 16, 20, 0.85, SEED);
        matrix = UserItemMatrix.of(planted.data, EventWeights.defaults());
        fine = SegmentResolution.defaults(SEED, 2).fit(matrix, planted.itemVectors, null);
    }

    @Test
    void the_number_of_segments_is_chosen_by_what_they_predict_and_recovers_the_planted_groups() {
        assertEquals(16, fine.k(), "seed " + SEED + ": " + fine.reason());
        double ari = AdjustedRandIndex.score(planted.groupOf, fine.labels());
        assertTrue(ari >= 0.9, "seed " + SEED + ": ARI " + ari + " (" + fine.reason() + ")");
        assertTrue(fine.sweep().size() >= 5, "the sweep is reported: " + fine.sweep());
        assertTrue(fine.reason().contains("validation NDCG@10"), fine.reason());
    }

    @Test
    void a_new_user_is_placed_from_a_few_items_in_the_segment_of_their_planted_group() {
        // Map each segment to its majority planted group, then place unseen users drawn from group blocks.
        int[][] votes = new int[fine.k()][planted.groups];
        for (int u = 0; u < planted.groupOf.length; u++) {
            votes[fine.labels()[u]][planted.groupOf[u]]++;
        }
        int[] groupOfSegment = new int[fine.k()];
        for (int s = 0; s < fine.k(); s++) {
            for (int g = 1; g < planted.groups; g++) {
                if (votes[s][g] > votes[s][groupOfSegment[s]]) {
                    groupOfSegment[s] = g;
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        int block = planted.blockOf.length / planted.groups;
        int right = 0;
        int total = 0;
        for (int g = 0; g < planted.groups; g++) {
            for (int rep = 0; rep < 10; rep++) {
                int[] items = rnd.ints(3, g * block, g * block + block / 2).distinct().sorted().toArray();
                float[] w = new float[items.length];
                java.util.Arrays.fill(w, 1f);
                int s = fine.place(new UserQuery(-1, items, w, -1, null, false));
                right += s >= 0 && groupOfSegment[s] == g ? 1 : 0;
                total++;
            }
        }
        assertTrue(right >= 0.8 * total, "seed " + SEED + ": " + right + "/" + total + " placed in their group");
    }

    @Test
    void a_user_with_nothing_known_is_not_placed() {
        assertEquals(-1, fine.place(new UserQuery(-1, new int[0], new float[0], -1, null, false)));
    }

    @Test
    void the_fit_does_not_depend_on_the_thread_count() {
        FineSegments one = SegmentResolution.defaults(SEED, 1).fit(matrix, planted.itemVectors, null);
        assertEquals(fine.k(), one.k());
        assertEquals(java.util.Arrays.toString(fine.labels()), java.util.Arrays.toString(one.labels()));
    }
}
