package io.cohortlm.explain;

import java.util.List;

/**
 * A shallow decision tree that imitates the segmentation from readable features, rendered as rules.
 *
 * @param fidelityTrain   share of training users the tree assigns to their own segment
 * @param fidelityHoldout same on the held-out users (NaN if none were held out)
 * @param trainUsers      users the tree was grown on
 * @param holdoutUsers    users held out
 * @param depth           depth reached
 * @param leaves          leaves
 * @param rules           one rule per leaf, grouped by segment in label order, most users first
 * @param segmentRecall   per segment label: share of its (training) members that fall in a leaf predicting it
 */
public record SurrogateRules(double fidelityTrain, double fidelityHoldout, int trainUsers, int holdoutUsers,
        int depth, int leaves, List<Rule> rules, List<Double> segmentRecall) {
    public SurrogateRules {
        rules = List.copyOf(rules);
        segmentRecall = List.copyOf(segmentRecall);
    }

    /** The rules that predict segment {@code label}. */
    public List<Rule> rulesFor(int label) {
        return rules.stream().filter(r -> r.segment() == label).toList();
    }

    /**
     * One leaf as a rule.
     *
     * @param segment    predicted segment label
     * @param key        its stable id
     * @param conditions simplified conditions, all of which hold (empty = everyone)
     * @param precision  share of the leaf's training users that are in the predicted segment
     * @param support    training users in the leaf
     * @param text       e.g. {@code country = United Kingdom AND frequency ≥ 12 → segment s3 (precision 0.81)}
     */
    public record Rule(int segment, String key, List<String> conditions, double precision, int support, String text) {
        public Rule {
            conditions = List.copyOf(conditions);
        }
    }
}
