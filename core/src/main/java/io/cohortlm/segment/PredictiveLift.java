package io.cohortlm.segment;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import java.util.Arrays;

/**
 * How much a segmentation predicts behaviour: each user's events are split in time (the latest
 * {@code heldOutShare} held out); segment popularity is learned from the earlier events of the segment's users
 * and smoothed toward global popularity; the score is the mean log-likelihood of the held-out items under
 * segment popularity minus that under global popularity (nats per held-out event; &gt; 0 means the segments
 * predict what users do next better than "everyone likes the bestsellers").
 *
 * @param heldOutShare share of each user's events held out, in (0, 1)
 * @param smoothing    pseudo-count pulling a segment's distribution toward global, &gt; 0
 */
public record PredictiveLift(double heldOutShare, double smoothing) {
    public PredictiveLift {
        if (!(heldOutShare > 0 && heldOutShare < 1)) {
            throw new IllegalArgumentException("heldOutShare must be in (0, 1), was " + heldOutShare);
        }
        if (!(smoothing > 0)) {
            throw new IllegalArgumentException("smoothing must be > 0, was " + smoothing);
        }
    }

    public static PredictiveLift defaults() {
        return new PredictiveLift(0.2, 50);
    }

    /**
     * @param liftNats          mean log-likelihood gain per held-out event (segment − global)
     * @param segmentLogLik     mean held-out log-likelihood under segment popularity
     * @param globalLogLik      mean held-out log-likelihood under global popularity
     * @param heldOutEvents     events scored
     */
    public record Result(double liftNats, double segmentLogLik, double globalLogLik, long heldOutEvents) {
        /** exp(lift): how many times likelier the held-out items are under the segments. */
        public double likelihoodRatio() {
            return Math.exp(liftNats);
        }
    }

    /** Scores a segmentation; {@code labels[u]} is user u's segment in [0, k) or -1 (outliers use global). */
    public Result score(Dataset data, int[] labels, int k) {
        Events ev = data.events();
        int n = data.users().size();
        int m = data.items().size();
        // Order each user's events by time (stable by input order) and mark the latest share as held out.
        int[] count = new int[n + 1];
        for (int e = 0; e < ev.size(); e++) {
            count[ev.user(e) + 1]++;
        }
        for (int u = 0; u < n; u++) {
            count[u + 1] += count[u];
        }
        int[] fill = Arrays.copyOf(count, n);
        int[] byUser = new int[ev.size()];
        for (int e = 0; e < ev.size(); e++) {
            byUser[fill[ev.user(e)]++] = e;
        }
        boolean[] heldOut = new boolean[ev.size()];
        long[] key = new long[16];
        for (int u = 0; u < n; u++) {
            int a = count[u];
            int len = count[u + 1] - a;
            int hold = (int) Math.floor(len * heldOutShare);
            if (len < 2 || hold == 0) {
                continue;
            }
            if (key.length < len) {
                key = new long[Math.max(len, key.length * 2)];
            }
            Integer[] idx = new Integer[len];
            for (int i = 0; i < len; i++) {
                idx[i] = byUser[a + i];
            }
            Arrays.sort(idx, (x, y) -> ev.time(x) != ev.time(y) ? Long.compare(ev.time(x), ev.time(y)) : Integer.compare(x, y));
            for (int i = len - hold; i < len; i++) {
                heldOut[idx[i]] = true;
            }
        }
        double[] global = new double[m];
        double[][] seg = new double[k][m];
        double[] segTotal = new double[k];
        double total = 0;
        for (int e = 0; e < ev.size(); e++) {
            if (heldOut[e]) {
                continue;
            }
            global[ev.item(e)]++;
            total++;
            int l = labels[ev.user(e)];
            if (l >= 0) {
                seg[l][ev.item(e)]++;
                segTotal[l]++;
            }
        }
        double sumSeg = 0;
        double sumGlobal = 0;
        long scored = 0;
        for (int e = 0; e < ev.size(); e++) {
            if (!heldOut[e]) {
                continue;
            }
            int i = ev.item(e);
            double pg = (global[i] + 1) / (total + m);
            int l = labels[ev.user(e)];
            double ps = l < 0 ? pg : (seg[l][i] + smoothing * pg) / (segTotal[l] + smoothing);
            sumSeg += Math.log(ps);
            sumGlobal += Math.log(pg);
            scored++;
        }
        if (scored == 0) {
            return new Result(0, 0, 0, 0);
        }
        return new Result((sumSeg - sumGlobal) / scored, sumSeg / scored, sumGlobal / scored, scored);
    }
}
