package io.cohortlm.evaluate;

import io.cohortlm.data.Events;
import io.cohortlm.represent.UserItemMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The evaluation protocols as splits of the full user × item matrix (one entry per distinct user–item pair, so a
 * repeated purchase can never sit on both sides). See docs/evaluation.md for the protocols' definitions.
 */
public final class Splits {
    /** Name prefix of the runs of the {@code random} protocol ({@code random-seedN}). */
    public static final String RANDOM_PREFIX = "random-seed";
    /** Name of the {@code temporal} run. */
    public static final String TEMPORAL = "temporal";
    /** Name of the {@code cold-items} run (and protocol: every held-out item of its users). */
    public static final String COLD_ITEMS = "cold-items";
    /** Protocol of {@code cold-items} cases restricted to the new items among the held-out ones. */
    public static final String COLD_ITEMS_NEW = "cold-items:new";
    /** Protocol of {@code cold-items} cases restricted to the old items among the held-out ones. */
    public static final String COLD_ITEMS_OLD = "cold-items:old";
    /** Name of the reference run: the same held-out items with the new items' other events kept in training. */
    public static final String COLD_ITEMS_WARM = "cold-items-warm";
    /** Protocol of the reference run: the new items among the held-out ones, when they are warm. */
    public static final String COLD_ITEMS_WARM_NEW = "cold-items:warm-new";
    /** Protocol of the reference run: the old items among the held-out ones, competing with the warm new ones. */
    public static final String COLD_ITEMS_WARM_OLD = "cold-items:warm-old";
    private Splits() {
    }

    /**
     * {@code random}: each user with ≥ 2 items has round(testShare·n) (≥ 1, ≤ n − 1) of their items, drawn
     * uniformly with a per-user stream of {@code seed}, held out as test; the rest is training.
     */
    public static Split random(UserItemMatrix full, double testShare, long seed) {
        boolean[] train = new boolean[full.nonZeros()];
        Arrays.fill(train, true);
        List<EvalCase> cases = new ArrayList<>();
        String name = RANDOM_PREFIX + seed;
        for (int u = 0; u < full.rows(); u++) {
            int len = full.rowLength(u);
            if (len < 2) {
                continue;
            }
            int hold = Math.min(len - 1, Math.max(1, (int) Math.round(testShare * len)));
            for (int p : drawn(full, u, hold, seed * 0x9E3779B97F4A7C15L + u)) {
                train[p] = false;
            }
            cases.add(warmCase(name, full, u, train));
        }
        return new Split(name, train, cases);
    }

    /**
     * {@code temporal}: one global cut in time, placed so that about {@code testShare} of the timed entries (by
     * the time of their first event) fall at or after it; entries before the cut are training; users with
     * entries after it are evaluated on those (users without training history included, as activity level 0).
     * Entries without a time are training. A quantile of entries rather than of the time span, because activity
     * is bursty (in MovieLens-1M most ratings fall in the first months): the last 20% of the span can hold a
     * handful of users.
     *
     * @return null if fewer than two distinct times exist
     */
    public static Split temporal(UserItemMatrix full, long[] firstTime, double testShare) {
        long[] timed = Arrays.stream(firstTime).filter(t -> t != Events.NO_TIME).sorted().toArray();
        if (timed.length < 2 || timed[0] == timed[timed.length - 1]) {
            return null;
        }
        int at = Math.max(1, Math.min(timed.length - 1, (int) Math.floor(timed.length * (1 - testShare))));
        long cut = timed[at];
        if (cut == timed[0]) {
            // Ties at the start: cut just after them.
            int i = at;
            while (i < timed.length && timed[i] == timed[0]) {
                i++;
            }
            if (i == timed.length) {
                return null;
            }
            cut = timed[i];
        }
        boolean[] train = new boolean[full.nonZeros()];
        for (int p = 0; p < train.length; p++) {
            train[p] = firstTime[p] == Events.NO_TIME || firstTime[p] < cut;
        }
        List<EvalCase> cases = new ArrayList<>();
        for (int u = 0; u < full.rows(); u++) {
            boolean any = false;
            for (int p = full.rowStart(u); p < full.rowEnd(u) && !any; p++) {
                any = !train[p];
            }
            if (any) {
                cases.add(warmCase(TEMPORAL, full, u, train));
            }
        }
        return new Split(TEMPORAL, train, cases);
    }

    /**
     * {@code cold} and {@code fewshot} in one split (one fit serves both): {@code heldOutShare} of the users with
     * ≥ 1 item (seeded shuffle) are removed from training entirely. {@code cold}: each is evaluated on all their
     * items from nothing. {@code fewshot}: for n = 1..maxShots, each held-out user with more than n items is
     * evaluated with their first n items revealed (time order, ties by item index; by item index without
     * times) and the rest as test. {@code text}: for n = 1..maxStated, each held-out user with more than n items
     * states interests about their first n items (the same order) — the ids are never revealed — and the rest
     * is test (0 = no text cases).
     */
    public static Split coldAndFewshot(UserItemMatrix full, long[] firstTime, double heldOutShare, int maxShots,
            long seed) {
        return coldFewshotText(full, firstTime, heldOutShare, maxShots, 0, seed);
    }

    /** As {@link #coldAndFewshot}, with {@code text} cases about up to {@code maxStated} items. */
    public static Split coldFewshotText(UserItemMatrix full, long[] firstTime, double heldOutShare, int maxShots,
            int maxStated, long seed) {
        List<Integer> eligible = new ArrayList<>();
        for (int u = 0; u < full.rows(); u++) {
            if (full.rowLength(u) >= 1) {
                eligible.add(u);
            }
        }
        int[] order = eligible.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0xC01DL);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int held = (int) Math.round(order.length * heldOutShare);
        int[] heldUsers = Arrays.copyOf(order, held);
        Arrays.sort(heldUsers);
        boolean[] train = new boolean[full.nonZeros()];
        Arrays.fill(train, true);
        List<EvalCase> cases = new ArrayList<>();
        for (int u : heldUsers) {
            int a = full.rowStart(u);
            int len = full.rowLength(u);
            Arrays.fill(train, a, a + len, false);
            int[] all = new int[len];
            for (int i = 0; i < len; i++) {
                all[i] = full.col(a + i);
            }
            cases.add(new EvalCase("cold", u, new int[0], new float[0], all, true, 0));
            Integer[] pos = new Integer[len];
            for (int i = 0; i < len; i++) {
                pos[i] = a + i;
            }
            Arrays.sort(pos, (p, q) -> {
                long tp = firstTime == null ? 0 : firstTime[p];
                long tq = firstTime == null ? 0 : firstTime[q];
                return tp != tq ? Long.compare(tp, tq) : Integer.compare(p, q);
            });
            for (int n = 1; n <= maxShots && n < len; n++) {
                int[] shown = new int[n];
                for (int i = 0; i < n; i++) {
                    shown[i] = pos[i];
                }
                Arrays.sort(shown);
                int[] items = new int[n];
                float[] w = new float[n];
                for (int i = 0; i < n; i++) {
                    items[i] = full.col(shown[i]);
                    w[i] = full.value(shown[i]);
                }
                int[] test = new int[len - n];
                for (int i = n; i < len; i++) {
                    test[i - n] = full.col(pos[i]);
                }
                Arrays.sort(test);
                cases.add(new EvalCase("fewshot", u, items, w, test, true, n));
            }
            for (int n = 1; n <= maxStated && n < len; n++) {
                int[] stated = new int[n];
                for (int i = 0; i < n; i++) {
                    stated[i] = full.col(pos[i]);
                }
                Arrays.sort(stated);
                int[] test = new int[len - n];
                for (int i = n; i < len; i++) {
                    test[i - n] = full.col(pos[i]);
                }
                Arrays.sort(test);
                cases.add(new EvalCase("text", u, new int[0], new float[0], test, true, n, stated));
            }
        }
        return new Split("cold+fewshot", train, cases);
    }

    /**
     * {@code cold-items} and its warm reference. {@code itemShare} of the items with events (seeded) are new: in
     * the {@code cold-items} run every event on them is removed from training. Each user with ≥ 2 items has
     * round(testShare·n) (≥ 1, ≤ n − 1) of their items held out, drawn uniformly with a per-user stream of
     * {@code seed}; users keeping at least one old training item are evaluated on all held-out items
     * ({@code cold-items}), on the new ones among them ({@code cold-items:new}) and on the old ones
     * ({@code cold-items:old}). The {@code cold-items-warm} run holds out the same items but keeps the new
     * items' other events in training, and evaluates the same users on the same new items
     * ({@code cold-items:warm-new}) and old ones ({@code cold-items:warm-old}): what those items get when they are not
     * new, and what the old items keep when the new ones compete as warm items.
     *
     * @return the cold run, then the warm reference
     */
    public static List<Split> coldItems(UserItemMatrix full, double itemShare, double testShare, long seed) {
        int m = full.cols();
        int[] counts = full.itemUserCounts();
        List<Integer> withEvents = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (counts[i] > 0) {
                withEvents.add(i);
            }
        }
        boolean[] isNew = new boolean[m];
        int nNew = (int) Math.round(withEvents.size() * itemShare);
        int[] picked = io.cohortlm.stats.SeededSample.indices(withEvents.size(), nNew, seed ^ 0x17E35L);
        int[] newItems = new int[picked.length];
        for (int t = 0; t < picked.length; t++) {
            newItems[t] = withEvents.get(picked[t]);
            isNew[newItems[t]] = true;
        }
        Arrays.sort(newItems);
        boolean[] test = new boolean[full.nonZeros()];
        for (int u = 0; u < full.rows(); u++) {
            int len = full.rowLength(u);
            if (len < 2) {
                continue;
            }
            int hold = Math.min(len - 1, Math.max(1, (int) Math.round(testShare * len)));
            for (int p : drawn(full, u, hold, seed * 0x9E3779B97F4A7C15L + u + 0x5EEDL)) {
                test[p] = true;
            }
        }
        boolean[] coldTrain = new boolean[test.length];
        boolean[] warmTrain = new boolean[test.length];
        for (int p = 0; p < test.length; p++) {
            warmTrain[p] = !test[p];
            coldTrain[p] = !test[p] && !isNew[full.col(p)];
        }
        List<EvalCase> cold = new ArrayList<>();
        List<EvalCase> warm = new ArrayList<>();
        for (int u = 0; u < full.rows(); u++) {
            int a = full.rowStart(u);
            int len = full.rowLength(u);
            List<Integer> heldNew = new ArrayList<>();
            List<Integer> heldOld = new ArrayList<>();
            boolean oldTrain = false;
            for (int p = a; p < a + len; p++) {
                if (test[p]) {
                    (isNew[full.col(p)] ? heldNew : heldOld).add(full.col(p));
                }
                oldTrain |= coldTrain[p];
            }
            if (!oldTrain || heldNew.size() + heldOld.size() == 0) {
                continue;
            }
            // Entries of new items that are not held out are dropped, not tested: only held-out items are relevant.
            EvalCase kept = warmCase(COLD_ITEMS, full, u, coldTrain);
            int[] held = new int[heldNew.size() + heldOld.size()];
            int h = 0;
            for (int p = a; p < a + len; p++) {
                if (test[p]) {
                    held[h++] = full.col(p);
                }
            }
            EvalCase all = new EvalCase(COLD_ITEMS, u, kept.items(), kept.weights(), held, false, -1);
            cold.add(all);
            if (!heldNew.isEmpty()) {
                int[] nw = heldNew.stream().mapToInt(Integer::intValue).toArray();
                cold.add(new EvalCase(COLD_ITEMS_NEW, u, all.items(), all.weights(), nw, false, -1));
                EvalCase w = warmCase(COLD_ITEMS_WARM_NEW, full, u, warmTrain);
                warm.add(new EvalCase(COLD_ITEMS_WARM_NEW, u, w.items(), w.weights(), nw, false, -1));
            }
            if (!heldOld.isEmpty()) {
                int[] od = heldOld.stream().mapToInt(Integer::intValue).toArray();
                cold.add(new EvalCase(COLD_ITEMS_OLD, u, all.items(), all.weights(), od, false, -1));
                EvalCase w = warmCase(COLD_ITEMS_WARM_OLD, full, u, warmTrain);
                warm.add(new EvalCase(COLD_ITEMS_WARM_OLD, u, w.items(), w.weights(), od, false, -1));
            }
        }
        return List.of(new Split(COLD_ITEMS, coldTrain, cold, newItems), new Split(COLD_ITEMS_WARM, warmTrain, warm));
    }

    /** {@code hold} of user u's entry positions drawn uniformly without replacement, seeded. */
    private static int[] drawn(UserItemMatrix full, int u, int hold, long seed) {
        int[] pos = io.cohortlm.stats.SeededSample.indices(full.rowLength(u), hold, seed);
        for (int i = 0; i < pos.length; i++) {
            pos[i] += full.rowStart(u);
        }
        return pos;
    }

    private static EvalCase warmCase(String protocol, UserItemMatrix full, int u, boolean[] train) {
        int a = full.rowStart(u);
        int len = full.rowLength(u);
        int nTrain = 0;
        for (int p = a; p < a + len; p++) {
            if (train[p]) {
                nTrain++;
            }
        }
        int[] items = new int[nTrain];
        float[] w = new float[nTrain];
        int[] test = new int[len - nTrain];
        int ti = 0;
        int xi = 0;
        for (int p = a; p < a + len; p++) {
            if (train[p]) {
                items[ti] = full.col(p);
                w[ti++] = full.value(p);
            } else {
                test[xi++] = full.col(p);
            }
        }
        return new EvalCase(protocol, u, items, w, test, false, -1);
    }
}
