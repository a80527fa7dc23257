package io.cohortlm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatedWordsTest {
    @Test
    void plurals_match_singulars_and_filler_never_matches() {
        String said = "Loves camping, hiking gear and outdoor lanterns; buys every month.";
        assertEquals(List.of("lanterns"), StatedWords.shared(said, "HANGING METAL HEART LANTERN"));
        assertEquals(List.of("torches"), StatedWords.shared("torches and tents", "CAMOUFLAGE LED TORCH"));
        assertEquals(List.of(), StatedWords.shared(said, "JUMBO BAG 50'S CHRISTMAS EVERY MONTH GEAR"));
        assertEquals(List.of(), StatedWords.shared(said, ""));
    }

    @Test
    void chinese_statements_match_the_longest_shared_runs() {
        assertEquals(List.of("国画", "书法"), StatedWords.shared("退休后想学国画和书法", "零基础国画入门与书法练习"));
        assertEquals(List.of(), StatedWords.shared("退休后想学国画", "雅思写作"));
    }
}
