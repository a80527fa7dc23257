package io.cohortlm.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps segment ids stable across retrains. New segments are matched one-to-one to the previous model's by
 * Hungarian assignment on membership overlap (users present in both runs); when no user is shared, on centroid
 * distance. A match keeps the previous stable id only if it is real (Jaccard ≥ {@code minJaccard}, or centroid
 * distance ≤ {@code maxCentroidDistance}); other new segments get fresh ids above every id seen before.
 *
 * @param minJaccard          least membership Jaccard for a kept id, in (0, 1]
 * @param maxCentroidDistance most centroid distance for a kept id when no users are shared, &gt; 0
 * @param flowShare           share of a segment's members that makes a flow count as a split/merge part, in (0, 0.5]
 */
public record SegmentMatcher(double minJaccard, double maxCentroidDistance, double flowShare) {
    public SegmentMatcher {
        if (!(minJaccard > 0 && minJaccard <= 1)) {
            throw new IllegalArgumentException("minJaccard must be in (0, 1], was " + minJaccard);
        }
        if (!(maxCentroidDistance > 0)) {
            throw new IllegalArgumentException("maxCentroidDistance must be > 0, was " + maxCentroidDistance);
        }
        if (!(flowShare > 0 && flowShare <= 0.5)) {
            throw new IllegalArgumentException("flowShare must be in (0, 0.5], was " + flowShare);
        }
    }

    public static SegmentMatcher defaults() {
        return new SegmentMatcher(0.2, 0.5, 0.2);
    }

    /** One side of a retrain: stable ids of its segments, their centroids, and each user's segment index. */
    public record Side(int[] stableIds, float[][] centroids, Map<String, Integer> membership) {
    }

    /**
     * The diff between two runs.
     *
     * @param stableIds    stable id for each new segment (index = new segment index)
     * @param kept         stable ids kept one-to-one
     * @param split        previous stable id → stable ids of the new segments it split into
     * @param merged       new stable id → previous stable ids merged into it
     * @param created      stable ids of segments with no predecessor
     * @param retired      previous stable ids with no successor
     * @param sharedUsers  users present in both runs
     * @param churn        share of shared users whose stable segment id changed, in [0, 1]
     */
    public record Diff(int[] stableIds, List<Integer> kept, Map<Integer, List<Integer>> split,
            Map<Integer, List<Integer>> merged, List<Integer> created, List<Integer> retired, int sharedUsers,
            double churn) {
    }

    public Diff match(Side previous, Side current) {
        int p = previous.centroids().length;
        int c = current.centroids().length;
        int[][] overlap = new int[p][c];
        int[] prevSize = new int[p];
        int[] curSize = new int[c];
        int shared = 0;
        for (var e : current.membership().entrySet()) {
            curSize[e.getValue()]++;
            Integer ps = previous.membership().get(e.getKey());
            if (ps != null) {
                overlap[ps][e.getValue()]++;
                shared++;
            }
        }
        for (int s : previous.membership().values()) {
            prevSize[s]++;
        }
        double[][] cost = new double[c][p];
        double[][] dist = new double[c][p];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < p; i++) {
                dist[j][i] = Math.sqrt(Hdbscan.sq(current.centroids()[j], previous.centroids()[i]));
                cost[j][i] = shared > 0 ? -jaccard(overlap[i][j], prevSize[i], curSize[j]) : dist[j][i];
            }
        }
        int[] match = p == 0 ? filled(c) : Hungarian.solve(cost);
        int nextId = Arrays.stream(previous.stableIds()).max().orElse(-1) + 1;
        int[] stable = new int[c];
        boolean[] prevUsed = new boolean[p];
        List<Integer> kept = new ArrayList<>();
        List<Integer> created = new ArrayList<>();
        for (int j = 0; j < c; j++) {
            int i = match[j];
            boolean real = i >= 0 && (shared > 0 ? jaccard(overlap[i][j], prevSize[i], curSize[j]) >= minJaccard
                    : dist[j][i] <= maxCentroidDistance);
            if (real) {
                stable[j] = previous.stableIds()[i];
                prevUsed[i] = true;
            } else {
                stable[j] = nextId++;
                created.add(stable[j]);
            }
        }
        Map<Integer, List<Integer>> split = new HashMap<>();
        Map<Integer, List<Integer>> merged = new HashMap<>();
        if (shared > 0) {
            for (int i = 0; i < p; i++) {
                List<Integer> parts = new ArrayList<>();
                for (int j = 0; j < c; j++) {
                    if (prevSize[i] > 0 && overlap[i][j] >= flowShare * prevSize[i]) {
                        parts.add(stable[j]);
                    }
                }
                if (parts.size() >= 2) {
                    split.put(previous.stableIds()[i], parts);
                }
            }
            for (int j = 0; j < c; j++) {
                List<Integer> parts = new ArrayList<>();
                for (int i = 0; i < p; i++) {
                    if (curSize[j] > 0 && overlap[i][j] >= flowShare * curSize[j]) {
                        parts.add(previous.stableIds()[i]);
                    }
                }
                if (parts.size() >= 2) {
                    merged.put(stable[j], parts);
                }
            }
        }
        for (int j = 0; j < c; j++) {
            int sid = stable[j];
            boolean inSplit = split.values().stream().anyMatch(l -> l.contains(sid));
            if (!created.contains(sid) && !inSplit && !merged.containsKey(sid)) {
                kept.add(sid);
            }
        }
        List<Integer> retired = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            if (!prevUsed[i]) {
                retired.add(previous.stableIds()[i]);
            }
        }
        int changed = 0;
        for (var e : current.membership().entrySet()) {
            Integer ps = previous.membership().get(e.getKey());
            if (ps != null && previous.stableIds()[ps] != stable[e.getValue()]) {
                changed++;
            }
        }
        return new Diff(stable, kept, split, merged, created, retired, shared,
                shared == 0 ? 0 : (double) changed / shared);
    }

    private static int[] filled(int c) {
        int[] a = new int[c];
        Arrays.fill(a, -1);
        return a;
    }

    private static double jaccard(int both, int a, int b) {
        int union = a + b - both;
        return union == 0 ? 0 : (double) both / union;
    }
}
