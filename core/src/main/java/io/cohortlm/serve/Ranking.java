package io.cohortlm.serve;

import io.cohortlm.recommend.InterestRecommender;
import io.cohortlm.recommend.SegmentHybridRecommender;
import io.cohortlm.recommend.TopK;
import io.cohortlm.recommend.UserQuery;
import java.util.ArrayList;
import java.util.List;

/** Ranked recommendation lists as the service keeps them: scored once, reasons written on first use. */
final class Ranking {
    private Ranking() {
    }

    /**
     * A ranked list kept for a user: items, scores, each item's dominant component; reasons are written on first
     * use (a benign race: two threads may compute the same string).
     */
    record Ranked(int[] items, float[] scores, byte[] dominant, int[] history, String[] reasons, int segment,
            String statement, AddedItems added) {
    }

    /** The best {@code depth} items for a query (its known items excluded if asked). */
    static Ranked rank(ServingModel m, UserQuery q, int depth, boolean excludeSeen) {
        return rank(m, q, depth, excludeSeen, null, null);
    }

    /**
     * As {@link #rank(ServingModel, UserQuery, int, boolean)}; a query with stated interests ({@code q.text()},
     * the encoded {@code statement}) is ranked by the stated-interest model, and reasons name the matched words.
     */
    static Ranked rank(ServingModel m, UserQuery q, int depth, boolean excludeSeen, String statement) {
        return rank(m, q, depth, excludeSeen, statement, null);
    }

    /**
     * As above, with items added since the load ({@code added}, may be null) ranked beside the catalogue: index
     * {@code catalogue size + t} in the list is added item t. With added items the scores are standardised over
     * the warm catalogue items (the order of catalogue items is unchanged).
     */
    static Ranked rank(ServingModel m, UserQuery q, int depth, boolean excludeSeen, String statement,
            AddedItems added) {
        SegmentHybridRecommender.Model rec = m.recommender();
        float[] scores = new float[rec.itemCount()];
        java.util.function.IntUnaryOperator dominantOf;
        int segment;
        String said;
        if (q.text() != null && rec.interests() instanceof InterestRecommender.Model im) {
            InterestRecommender.Model.Contributions c = im.scoreParts(q, scores);
            dominantOf = i -> Reasons.dominant(c, i);
            segment = q.segment();
            said = statement;
        } else {
            SegmentHybridRecommender.Model.Parts parts = rec.scoreParts(q, scores);
            dominantOf = i -> Reasons.dominant(parts, i);
            segment = parts.segmentUsed();
            said = null;
        }
        int n = scores.length;
        float[] extra = added == null || added.size() == 0 ? null : added.score(scores);
        float[] all = scores;
        if (extra != null) {
            all = java.util.Arrays.copyOf(scores, n + extra.length);
            System.arraycopy(extra, 0, all, n, extra.length);
        }
        int[] top = TopK.select(all, depth, excludeSeen ? q.items() : null);
        float[] s = new float[top.length];
        byte[] dominant = new byte[top.length];
        for (int i = 0; i < top.length; i++) {
            s[i] = all[top[i]];
            dominant[i] = top[i] < n ? (byte) dominantOf.applyAsInt(top[i]) : 0;
        }
        return new Ranked(top, s, dominant, q.items(), new String[top.length], segment, said, added);
    }

    /** The first {@code k} items of a list, with titles and reasons. */
    static List<Recommendation> take(ServingModel m, Ranked r, int k) {
        List<Recommendation> out = new ArrayList<>(Math.min(k, r.items().length));
        int n = m.data().items().size();
        for (int i = 0; i < Math.min(k, r.items().length); i++) {
            int it = r.items()[i];
            if (it >= n) {
                AddedItems.Entry e = r.added().get(it - n);
                String reason = r.reasons()[i];
                if (reason == null) {
                    reason = e.nbr().length == 0 ? "new item"
                            : "new item, like '" + Reasons.titleOf(m, e.nbr()[0]) + "'";
                    r.reasons()[i] = reason;
                }
                out.add(new Recommendation(e.item().id(), e.item().title(), Math.round(r.scores()[i] * 1e4) / 1e4,
                        reason));
                continue;
            }
            String reason = r.reasons()[i];
            if (reason == null) {
                reason = r.statement() != null ? Reasons.forStatedItem(m, r.dominant()[i], r.statement(), it)
                        : Reasons.forItem(m, r.dominant()[i], r.segment(), it, r.history());
                r.reasons()[i] = reason;
            }
            out.add(new Recommendation(m.data().items().ids().id(it), m.data().items().title(it),
                    Math.round(r.scores()[i] * 1e4) / 1e4, reason));
        }
        return out;
    }
}
