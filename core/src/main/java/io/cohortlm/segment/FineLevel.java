package io.cohortlm.segment;

import java.util.List;

/**
 * The fine level under a two-level segmentation: tens to hundreds of segments chosen by what they predict, for
 * recommendation and cold start, each inside exactly one coarse segment (the level people read). A training user's
 * coarse segment is the parent of their fine segment.
 *
 * @param model        nearest-centroid model of the fine segments (k-means on the same vectors)
 * @param stableIds    stable id of each fine segment (index = fine index), kept across retrains
 * @param labels       fine segment index per user
 * @param parent       coarse segment index of each fine segment
 * @param sweep        every fine k tried, in order
 * @param reason       why this fine k was chosen, in words
 * @param cuts         every coarse cut of the hierarchy tried, in order
 * @param coarseReason why this coarse cut was chosen, in words
 * @param diff         changes of the fine level against the previous model, or null
 */
public record FineLevel(SegmentModel model, int[] stableIds, int[] labels, int[] parent, List<Candidate> sweep,
        String reason, List<Cut> cuts, String coarseReason, SegmentMatcher.Diff diff) {

    public FineLevel {
        sweep = List.copyOf(sweep);
        cuts = List.copyOf(cuts);
        if (parent.length != model.k() || stableIds.length != model.k()) {
            throw new IllegalArgumentException("parent and stableIds need one entry per fine segment (" + model.k()
                    + "), had " + parent.length + " and " + stableIds.length);
        }
    }

    /**
     * One fine k of the sweep.
     *
     * @param k             number of fine segments
     * @param liftNats      held-out predictive lift of segment popularity over global popularity (nats per event)
     * @param standardError its standard error, clustered by user
     * @param smallest      smallest segment's size
     */
    public record Candidate(int k, double liftNats, double standardError, int smallest) {
    }

    /**
     * One coarse cut of the Ward hierarchy over the fine centroids.
     *
     * @param k         number of coarse segments
     * @param stability bootstrap adjusted Rand index of the users' coarse labels
     * @param smallest  smallest coarse segment's size
     */
    public record Cut(int k, double stability, int smallest) {
    }

    public int k() {
        return model.k();
    }

    /** Users per fine segment index. */
    public int[] sizes() {
        return Segmentation.counts(labels, model.k());
    }
}
