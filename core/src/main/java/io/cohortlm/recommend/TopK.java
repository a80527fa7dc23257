package io.cohortlm.recommend;

/** Top-k selection over a dense score vector with a size-k min-heap; ties go to the lower item index. */
public final class TopK {
    private TopK() {
    }

    /**
     * The indices of the {@code k} highest scores, best first; {@code exclude} (ascending item indices, or null)
     * are skipped. Returns fewer than {@code k} when fewer items remain.
     */
    public static int[] select(float[] scores, int k, int[] exclude) {
        int n = scores.length;
        int[] heap = new int[Math.max(0, Math.min(k, n))];
        int size = 0;
        int ex = 0;
        for (int i = 0; i < n; i++) {
            if (exclude != null) {
                while (ex < exclude.length && exclude[ex] < i) {
                    ex++;
                }
                if (ex < exclude.length && exclude[ex] == i) {
                    continue;
                }
            }
            if (size < heap.length) {
                heap[size] = i;
                siftUp(heap, scores, size++);
            } else if (heap.length > 0 && better(scores, i, heap[0])) {
                heap[0] = i;
                siftDown(heap, scores, size);
            }
        }
        int[] out = new int[size];
        for (int p = size - 1; p >= 0; p--) {
            out[p] = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, scores, size);
        }
        return out;
    }

    /** True if item a ranks before item b. */
    /**
     * NDCG at the length of {@code top}: Σ hits 1/log2(rank + 1) over the ideal DCG of min(|relevant|,
     * top.length) hits; 0 when nothing is relevant. {@code relevantSorted} must be ascending.
     */
    public static double ndcg(int[] top, int[] relevantSorted, int k) {
        double dcg = 0;
        for (int r = 0; r < Math.min(k, top.length); r++) {
            if (java.util.Arrays.binarySearch(relevantSorted, top[r]) >= 0) {
                dcg += 1 / (Math.log(r + 2) / Math.log(2));
            }
        }
        double idcg = 0;
        for (int r = 0; r < Math.min(relevantSorted.length, k); r++) {
            idcg += 1 / (Math.log(r + 2) / Math.log(2));
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    private static boolean better(float[] s, int a, int b) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    private static void siftUp(int[] h, float[] s, int p) {
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (better(s, h[parent], h[p])) {
                int t = h[parent];
                h[parent] = h[p];
                h[p] = t;
                p = parent;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] h, float[] s, int size) {
        int p = 0;
        while (true) {
            int l = 2 * p + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            if (l + 1 < size && better(s, h[l], h[l + 1])) {
                worst = l + 1;
            }
            if (better(s, h[p], h[worst])) {
                int t = h[p];
                h[p] = h[worst];
                h[worst] = t;
                p = worst;
            } else {
                return;
            }
        }
    }
}
