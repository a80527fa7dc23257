package io.cohortlm.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Seeded, segment-stratified down-sampling of map points (see {@link ReportModel.MapData#sample}). */
final class MapSampler {
    private static final int MIN_PER_SEGMENT = 20;

    private MapSampler() {
    }

    static ReportModel.MapData sample(float[][] xy, int[] segments, int maxPoints, long seed) {
        if (xy.length != segments.length) {
            throw new IllegalArgumentException("segments must have one entry per map row (" + xy.length + "), had " + segments.length);
        }
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be ≥ 1, was " + maxPoints);
        }
        int n = xy.length;
        boolean[] keep = new boolean[n];
        if (n <= maxPoints) {
            Arrays.fill(keep, true);
        } else {
            Map<Integer, int[]> members = new TreeMap<>();
            Map<Integer, Integer> counts = new TreeMap<>();
            for (int s : segments) {
                counts.merge(s, 1, Integer::sum);
            }
            Map<Integer, Integer> fill = new LinkedHashMap<>();
            counts.forEach((s, c) -> {
                members.put(s, new int[c]);
                fill.put(s, 0);
            });
            for (int i = 0; i < n; i++) {
                int s = segments[i];
                int f = fill.get(s);
                members.get(s)[f] = i;
                fill.put(s, f + 1);
            }
            // Quota: a floor of min(size, 20) each (less when there are very many segments), the remainder proportional to size (largest remainders).
            Map<Integer, Integer> quota = new TreeMap<>();
            int floorTotal = 0;
            int floor = Math.min(MIN_PER_SEGMENT, Math.max(1, maxPoints / counts.size()));
            for (var e : counts.entrySet()) {
                int q = Math.min(e.getValue(), floor);
                quota.put(e.getKey(), q);
                floorTotal += q;
            }
            int left = Math.max(0, maxPoints - floorTotal);
            int rest = n - floorTotal;
            for (var e : counts.entrySet()) {
                int extra = rest == 0 ? 0 : (int) Math.floor((double) left * (e.getValue() - quota.get(e.getKey())) / rest);
                quota.put(e.getKey(), quota.get(e.getKey()) + extra);
            }
            SplittableRandom r = new SplittableRandom(seed);
            for (var e : members.entrySet()) {
                int[] m = e.getValue().clone();
                int q = Math.min(quota.get(e.getKey()), m.length);
                for (int i = 0; i < q; i++) { // partial Fisher–Yates
                    int j = i + r.nextInt(m.length - i);
                    int t = m[i];
                    m[i] = m[j];
                    m[j] = t;
                    keep[m[i]] = true;
                }
            }
        }
        int k = 0;
        for (boolean b : keep) {
            k += b ? 1 : 0;
        }
        float[] x = new float[k];
        float[] y = new float[k];
        int[] seg = new int[k];
        for (int i = 0, j = 0; i < n; i++) {
            if (keep[i]) {
                x[j] = xy[i][0];
                y[j] = xy[i][1];
                seg[j++] = segments[i];
            }
        }
        return new ReportModel.MapData(x, y, seg, n);
    }
}
