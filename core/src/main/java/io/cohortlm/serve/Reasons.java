package io.cohortlm.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.cohortlm.recommend.InterestRecommender;
import io.cohortlm.recommend.SegmentHybridRecommender;
import io.cohortlm.segment.Assignment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Short readable reasons: why a user is in a segment (nearest centre, margin, the segment's distinguishing
 * features the user shares, characteristic items they bought), and why an item is recommended (the component that
 * contributed most to its score, with an anchor item from the user's history where there is one).
 */
final class Reasons {
    private static final int FEATURE_REASONS = 3;
    private static final int ITEM_REASONS = 2;
    private static final int ANCHOR_SCAN = 50;

    private Reasons() {
    }

    /** Reasons for a user's placement; {@code items} (their history) must be ascending, as histories are. */
    static List<String> forUser(ServingModel m, int segIndex, Assignment a, int runner, Map<String, String> attrs,
            int[] items, boolean outlier, List<String> views) {
        List<String> out = new ArrayList<>();
        if (segIndex < 0) {
            out.add("no segment fits this user");
            return out;
        }
        SegmentInfo s = m.segmentAt(segIndex);
        String name = s == null ? "a small segment (not shown)" : s.name();
        String over = "";
        if (runner >= 0) {
            SegmentInfo r = m.segmentAt(runner);
            over = " over " + (r == null ? "a small segment" : r.name());
        }
        out.add(String.format(Locale.ROOT, "nearest to the centre of %s (confidence %.2f%s)", name, a.confidence(),
                over));
        if (outlier) {
            out.add("farther from that centre than 99% of its members: an unusual profile");
        }
        if (!views.isEmpty()) {
            out.add("placed from " + String.join(", ", views.stream().map(Reasons::viewName).toList()));
        }
        if (s == null || s.explanation() == null) {
            return out;
        }
        JsonNode profile = s.explanation().path("profile");
        int features = 0;
        for (JsonNode d : profile.path("distinguishing")) {
            if (features >= FEATURE_REASONS) {
                break;
            }
            if (!"attribute".equals(d.path("source").asText())) {
                continue;
            }
            String attr = d.path("attribute").asText();
            String value = attrs.get(attr);
            if (value == null) {
                continue;
            }
            double seg = d.path("segmentValue").asDouble();
            double pop = d.path("populationValue").asDouble();
            if ("LEVEL".equals(d.path("kind").asText())) {
                if (value.equals(d.path("level").asText()) && seg > pop) {
                    out.add(String.format(Locale.ROOT, "%s: %.0f%% of this segment vs %.0f%% overall",
                            d.path("feature").asText(), 100 * seg, 100 * pop));
                    features++;
                }
            } else {
                try {
                    double v = Double.parseDouble(value);
                    if (Math.abs(v - seg) < Math.abs(v - pop)) {
                        out.add(String.format(Locale.ROOT, "%s = %s (segment average %.3g, overall %.3g)", attr,
                                value, seg, pop));
                        features++;
                    }
                } catch (NumberFormatException e) {
                    // not a number: nothing to compare
                }
            }
        }
        int itemsSaid = 0;
        for (JsonNode it : profile.path("items")) {
            if (itemsSaid >= ITEM_REASONS) {
                break;
            }
            int i = m.data().items().ids().indexOf(it.path("itemId").asText());
            if (i >= 0 && Arrays.binarySearch(items, i) >= 0) {
                out.add(String.format(Locale.ROOT, "bought %s (%.1f× more common in this segment)",
                        it.path("title").asText(), it.path("lift").asDouble()));
                itemsSaid++;
            }
        }
        return out;
    }

    private static String viewName(String view) {
        return switch (view) {
            case "text" -> "profile text";
            case "items" -> "item texts";
            case "behaviour" -> "behaviour";
            case "attributes" -> "attributes";
            default -> view;
        };
    }

    static final byte PERSONAL = 0;
    static final byte SEGMENT = 1;
    static final byte CONTENT = 2;

    static final byte TEXT = 3;
    static final byte EXPANSION = 4;
    static final byte PRIOR = 5;

    /** Which part of the stated-interest blend contributed most to item {@code item}'s score. */
    static byte dominant(InterestRecommender.Model.Contributions c, int item) {
        float t = c.content() == null ? Float.NEGATIVE_INFINITY : c.content()[item];
        float e = c.expansion() == null ? Float.NEGATIVE_INFINITY : c.expansion()[item];
        float p = c.prior() == null ? Float.NEGATIVE_INFINITY : c.prior()[item];
        if (p > t && p > e) {
            return PRIOR;
        }
        return t >= e ? TEXT : EXPANSION;
    }

    /**
     * The reason for an item recommended from a statement of interests: the statement's words its title shares
     * ("matches 'lantern'"), else what brought it up — meaning close to the statement, being bought with the
     * items that match it, or popularity.
     */
    static String forStatedItem(ServingModel m, byte dominant, String statement, int item) {
        List<String> words = StatedWords.shared(statement, m.data().items().title(item));
        if (!words.isEmpty()) {
            return "matches " + String.join(", ", words.stream().map(w -> "'" + w + "'").toList());
        }
        return switch (dominant) {
            case TEXT -> "close in meaning to what you said";
            case EXPANSION -> "often bought with items that match what you said";
            default -> "popular overall";
        };
    }

    /** Which component contributed most to item {@code item}'s blended score. */
    static byte dominant(SegmentHybridRecommender.Model.Parts parts, int item) {
        float p = parts.personal() == null ? Float.NEGATIVE_INFINITY : parts.personal()[item];
        float s = Math.max(parts.segment() == null ? Float.NEGATIVE_INFINITY : parts.segment()[item],
                parts.demographic() == null ? Float.NEGATIVE_INFINITY : parts.demographic()[item]);
        float c = parts.content() == null ? Float.NEGATIVE_INFINITY : parts.content()[item];
        if (s > p && s >= c) {
            return SEGMENT;
        }
        return p >= c ? PERSONAL : CONTENT;
    }

    /**
     * The reason for one recommended item, from its dominant component and, for the personal and content
     * components, the history item whose text is closest to it.
     */
    static String forItem(ServingModel m, byte dominant, int segmentUsed, int item, int[] history) {
        if (dominant == SEGMENT) {
            if (segmentUsed < 0) {
                return "popular overall";
            }
            SegmentInfo info = m.segmentAt(segmentUsed);
            return info == null ? "popular with similar users" : "popular in " + info.name();
        }
        int anchor = anchor(m, history, item);
        String title = anchor < 0 ? null : m.data().items().title(anchor);
        if (title != null && title.isBlank()) {
            title = m.data().items().ids().id(anchor);
        }
        if (dominant == PERSONAL) {
            return title == null ? "fits your history" : "goes with " + title;
        }
        if (title != null) {
            return "similar to " + title;
        }
        SegmentInfo info = segmentUsed < 0 ? null : m.segmentAt(segmentUsed);
        return info == null ? "matches your profile" : "matches the taste of " + info.name();
    }

    /** An item's title, or its id when it has none. */
    static String titleOf(ServingModel m, int item) {
        String t = m.data().items().title(item);
        return t == null || t.isBlank() ? m.data().items().ids().id(item) : t;
    }

    /** The history item whose text is closest to {@code item}'s, or -1 without history or item vectors. */
    private static int anchor(ServingModel m, int[] h, int item) {
        float[][] iv = m.representation().itemVectors();
        if (iv == null || h.length == 0) {
            return -1; // no item texts to compare: the reason stays generic rather than name an arbitrary item
        }
        float[] target = iv[item];
        int best = -1;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int i = Math.max(0, h.length - ANCHOR_SCAN); i < h.length; i++) {
            float[] v = iv[h[i]];
            double d = 0;
            for (int k = 0; k < v.length; k++) {
                d += v[k] * target[k];
            }
            if (d > bestDot) {
                bestDot = d;
                best = h[i];
            }
        }
        return best;
    }
}
