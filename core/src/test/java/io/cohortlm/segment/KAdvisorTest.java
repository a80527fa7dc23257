package io.cohortlm.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KAdvisorTest {
    @Test
    void advisor_picks_the_planted_k_on_well_separated_blobs() {
        for (int planted : new int[] {3, 5, 7}) {
            GaussianBlobs.Sample s = new GaussianBlobs(1400, 16, planted, 10, 1, 42 + planted).generate();
            KAdvisor.Advice a = KAdvisor.defaults(1).withRange(2, 9).advise(s.data(), null);
            assertEquals(planted, a.chosenK(), "planted " + planted + ": " + a.reason() + " " + a.scores());
            assertTrue(a.reason().contains("k=" + planted), a.reason());
            KAdvisor.KScore chosen = a.scores().get(planted - 2);
            assertTrue(chosen.stability() > 0.95, "stability at the planted k: " + chosen.stability());
        }
    }

    @Test
    void advisor_respects_the_minimum_segment_size() {
        GaussianBlobs.Sample s = new GaussianBlobs(600, 8, 6, 10, 1, 3).generate();
        // 6 blobs of ~100 users: with a floor of 150 users per segment, k = 6 is not acceptable.
        KAdvisor.Advice a = KAdvisor.defaults(1).withRange(2, 8).withMinSegmentSize(150).advise(s.data(), null);
        assertTrue(a.chosenK() <= 4, "k=" + a.chosenK() + " — " + a.reason());
        for (KAdvisor.KScore sc : a.scores()) {
            if (sc.k() == a.chosenK()) {
                assertTrue(sc.meetsMinSize(), "chosen k respects the floor");
            }
        }
    }
}
