package io.cohortlm.data;

/**
 * Events grouped by user (a CSR index): for each dense user, the indices of its events in {@link Events}, sorted by
 * time (events without a time first; ties keep input order). Built once in O(events) plus a per-user sort where a
 * user's events are not already in time order; then every per-user statistic is one pass over
 * {@code start(u)..end(u)}. About 4 bytes per event and 4 per user.
 * <p>Immutable and safe to share between threads. Typical use:
 * <pre>{@code
 * Interactions byUser = Interactions.byUser(dataset);
 * for (int k = byUser.start(u); k < byUser.end(u); k++) {
 *     int e = byUser.event(k);   // index into dataset.events()
 * }
 * }</pre>
 */
public final class Interactions {
    private final int[] offsets;
    private final int[] order;

    private Interactions(int[] offsets, int[] order) {
        this.offsets = offsets;
        this.order = order;
    }

    /** Groups the dataset's events by user. */
    public static Interactions byUser(Dataset dataset) {
        return byUser(dataset.events(), dataset.users().size());
    }

    /**
     * Groups {@code events} by user.
     *
     * @param userCount number of users; every event's user must be in [0, userCount)
     */
    public static Interactions byUser(Events events, int userCount) {
        int n = events.size();
        int[] offsets = new int[userCount + 1];
        for (int e = 0; e < n; e++) {
            offsets[events.user(e) + 1]++;
        }
        for (int u = 0; u < userCount; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] fill = new int[userCount];
        int[] order = new int[n];
        for (int e = 0; e < n; e++) {
            int u = events.user(e);
            order[offsets[u] + fill[u]++] = e;
        }
        int[] tmp = null;
        for (int u = 0; u < userCount; u++) {
            int from = offsets[u];
            int to = offsets[u + 1];
            if (!sortedByTime(events, order, from, to)) {
                if (tmp == null || tmp.length < to - from) {
                    tmp = new int[Math.max(to - from, 64)];
                }
                mergeSort(events, order, from, to, tmp);
            }
        }
        return new Interactions(offsets, order);
    }

    /** Number of users indexed. */
    public int userCount() {
        return offsets.length - 1;
    }

    /** Number of events indexed. */
    public int eventCount() {
        return order.length;
    }

    /** First position of user {@code u}'s events (inclusive). */
    public int start(int u) {
        return offsets[u];
    }

    /** End position of user {@code u}'s events (exclusive). */
    public int end(int u) {
        return offsets[u + 1];
    }

    /** Number of events of user {@code u}. */
    public int count(int u) {
        return offsets[u + 1] - offsets[u];
    }

    /** The event index at position {@code k} (positions run over all users, user by user). */
    public int event(int k) {
        return order[k];
    }

    /** User {@code u}'s event indices in time order (a copy). */
    public int[] events(int u) {
        return java.util.Arrays.copyOfRange(order, offsets[u], offsets[u + 1]);
    }

    private static boolean sortedByTime(Events ev, int[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (ev.time(a[i]) < ev.time(a[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /** Stable sort of {@code a[from, to)} by event time (merge sort; input order breaks ties). */
    private static void mergeSort(Events ev, int[] a, int from, int to, int[] tmp) {
        int n = to - from;
        if (n <= 24) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                long t = ev.time(x);
                int j = i - 1;
                while (j >= from && ev.time(a[j]) > t) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(ev, a, from, mid, tmp);
        mergeSort(ev, a, mid, to, tmp);
        if (ev.time(a[mid - 1]) <= ev.time(a[mid])) {
            return;
        }
        System.arraycopy(a, from, tmp, 0, n);
        int i = 0;
        int j = mid - from;
        int k = from;
        while (i < mid - from && j < n) {
            a[k++] = ev.time(tmp[j]) < ev.time(tmp[i]) ? tmp[j++] : tmp[i++];
        }
        while (i < mid - from) {
            a[k++] = tmp[i++];
        }
        while (j < n) {
            a[k++] = tmp[j++];
        }
    }
}
