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
 * <p>The pseudo-count that pulls a segment's distribution toward global is chosen from a grid by the same
 * temporal split inside the training events (never on the held-out ones): sparse segments then fall back to
 * global popularity instead of being punished for items they have not seen yet.
 *
 * @param heldOutShare share of each user's events held out, in (0, 1)
 * @param smoothing    smallest pseudo-count of the grid (×10 steps up to 10⁶), &gt; 0
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
        return new PredictiveLift(0.2, 10);
    }

    /**
     * @param liftNats          mean log-likelihood gain per held-out event (segment − global)
     * @param segmentLogLik     mean held-out log-likelihood under segment popularity
     * @param globalLogLik      mean held-out log-likelihood under global popularity
     * @param heldOutEvents     events scored
     * @param standardError     standard error of {@code liftNats}, clustered by user (a user's held-out events are
     *                          not independent), NaN with fewer than two scored users
     */
    public record Result(double liftNats, double segmentLogLik, double globalLogLik, long heldOutEvents,
            double standardError) {
        /** exp(lift): how many times likelier the held-out items are under the segments. */
        public double likelihoodRatio() {
            return Math.exp(liftNats);
        }
    }

    /** Scores a segmentation; {@code labels[u]} is user u's segment in [0, k) or -1 (outliers use global). */
    public Result score(Dataset data, int[] labels, int k) {
        Events ev = data.events();
        boolean[] all = new boolean[ev.size()];
        Arrays.fill(all, true);
        boolean[] test = latestShare(data, all);
        boolean[] train = new boolean[ev.size()];
        for (int e = 0; e < ev.size(); e++) {
            train[e] = !test[e];
        }
        boolean[] valid = latestShare(data, train);
        boolean[] fit = new boolean[ev.size()];
        for (int e = 0; e < ev.size(); e++) {
            fit[e] = train[e] && !valid[e];
        }
        double bestAlpha = smoothing;
        double bestLogLik = Double.NEGATIVE_INFINITY;
        for (double alpha = smoothing; alpha <= 1e6; alpha *= 10) {
            double[] r = logLik(data, labels, k, fit, valid, alpha);
            if (r[3] > 0 && r[0] / r[3] > bestLogLik) {
                bestLogLik = r[0] / r[3];
                bestAlpha = alpha;
            }
        }
        double[] r = logLik(data, labels, k, train, test, bestAlpha);
        long scored = (long) r[3];
        if (scored == 0) {
            return new Result(0, 0, 0, 0, Double.NaN);
        }
        return new Result((r[0] - r[1]) / scored, r[0] / scored, r[1] / scored, scored, r[2]);
    }

    /** Marks the latest {@code heldOutShare} of each user's events among {@code among} (time order, then input order). */
    private boolean[] latestShare(Dataset data, boolean[] among) {
        Events ev = data.events();
        int n = data.users().size();
        int[] count = new int[n + 1];
        for (int e = 0; e < ev.size(); e++) {
            if (among[e]) {
                count[ev.user(e) + 1]++;
            }
        }
        for (int u = 0; u < n; u++) {
            count[u + 1] += count[u];
        }
        int[] fill = Arrays.copyOf(count, n);
        int[] byUser = new int[count[n]];
        for (int e = 0; e < ev.size(); e++) {
            if (among[e]) {
                byUser[fill[ev.user(e)]++] = e;
            }
        }
        boolean[] out = new boolean[ev.size()];
        for (int u = 0; u < n; u++) {
            int a = count[u];
            int len = count[u + 1] - a;
            int hold = (int) Math.floor(len * heldOutShare);
            if (len < 2 || hold == 0) {
                continue;
            }
            Integer[] idx = new Integer[len];
            for (int i = 0; i < len; i++) {
                idx[i] = byUser[a + i];
            }
            Arrays.sort(idx, (x, y) -> ev.time(x) != ev.time(y) ? Long.compare(ev.time(x), ev.time(y)) : Integer.compare(x, y));
            for (int i = len - hold; i < len; i++) {
                out[idx[i]] = true;
            }
        }
        return out;
    }

    /**
     * {sum log p_segment, sum log p_global, user-clustered standard error of the mean gain, scored events} of
     * {@code score} events under counts of {@code fit}.
     */
    private static double[] logLik(Dataset data, int[] labels, int k, boolean[] fit, boolean[] score, double alpha) {
        Events ev = data.events();
        int m = data.items().size();
        double[] global = new double[m];
        double[][] seg = new double[k][m];
        double[] segTotal = new double[k];
        double total = 0;
        for (int e = 0; e < ev.size(); e++) {
            if (!fit[e]) {
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
        int n = data.users().size();
        double[] userGain = new double[n];
        int[] userEvents = new int[n];
        for (int e = 0; e < ev.size(); e++) {
            if (!score[e]) {
                continue;
            }
            int i = ev.item(e);
            double pg = (global[i] + 1) / (total + m);
            int l = labels[ev.user(e)];
            double ps = l < 0 ? pg : (seg[l][i] + alpha * pg) / (segTotal[l] + alpha);
            sumSeg += Math.log(ps);
            sumGlobal += Math.log(pg);
            userGain[ev.user(e)] += Math.log(ps) - Math.log(pg);
            userEvents[ev.user(e)]++;
            scored++;
        }
        // Ratio-estimator variance with users as clusters: Σ_u (G_u − mean·n_u)² · U/(U−1) / N².
        double mean = scored == 0 ? 0 : (sumSeg - sumGlobal) / scored;
        double ss = 0;
        int users = 0;
        for (int u = 0; u < n; u++) {
            if (userEvents[u] > 0) {
                double r = userGain[u] - mean * userEvents[u];
                ss += r * r;
                users++;
            }
        }
        double se = users < 2 ? Double.NaN : Math.sqrt(ss * users / (users - 1)) / scored;
        return new double[] {sumSeg, sumGlobal, se, scored};
    }
}
