package io.cohortlm.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One segment as the service shows it: the public summary plus the explain stage's profile (persona, distinguishing
 * features, keywords, top items, rules, propensity), already under the minimum-size rule.
 *
 * @param id          stable segment id
 * @param index       index in the segment model
 * @param key         explain key ({@code s<id>})
 * @param name        persona name, or "Segment s<id>" without explanations
 * @param description persona description, or empty
 * @param size        members
 * @param share       members / users
 * @param keywords    top keywords (may be empty)
 * @param explanation the explain stage's entry for this segment, or null
 * @param propensity  the segment's propensity summary, or null
 */
public record SegmentInfo(int id, int index, String key, String name, String description, int size, double share,
        List<String> keywords, JsonNode explanation, JsonNode propensity) {
    public SegmentInfo {
        keywords = List.copyOf(keywords);
    }
}
