package io.cohortlm.bench.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peer of the product encoder: ONNX Runtime driven directly, in one of several set-ups, with the same model
 * file, tokenizer, truncation and mean pooling. Tokenisation is inside the timed region, as in the product.
 */
final class BareOnnx {
    /** How texts are grouped into ONNX calls. */
    enum Grouping {
        /** One text per call. */
        SINGLE,
        /** Consecutive texts, padded to the longest of the batch. */
        PADDED,
        /** Texts sorted by length, then padded batches (less padding). */
        SORTED_PADDED,
        /** Only texts of exactly equal length together (no padding, as the product's maxBatch > 1). */
        EXACT_LENGTH
    }

    /**
     * One set-up.
     *
     * @param sessions     ONNX sessions (1 = shared by all callers)
     * @param callers      Java threads calling {@code run}
     * @param intraOp      ORT intra-op threads per session
     * @param grouping     batching
     * @param batch        most texts per call
     * @param optLevel     graph optimisation level
     * @param arena        CPU arena allocator on
     * @param memPattern   memory pattern optimisation on
     * @param spinning     intra-op thread spinning allowed
     */
    record Setup(int sessions, int callers, int intraOp, Grouping grouping, int batch,
            OrtSession.SessionOptions.OptLevel optLevel, boolean arena, boolean memPattern, boolean spinning) {
        String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(sessions == callers ? sessions + " session(s)" : sessions + " shared session")
                    .append(" x ").append(callers).append(" caller(s), intra-op ").append(intraOp).append(", ");
            sb.append(switch (grouping) {
                case SINGLE -> "1 text/call";
                case PADDED -> "padded batches of " + batch;
                case SORTED_PADDED -> "length-sorted padded batches of " + batch;
                case EXACT_LENGTH -> "exact-length batches <= " + batch;
            });
            if (optLevel != OrtSession.SessionOptions.OptLevel.ALL_OPT) {
                sb.append(", opt ").append(optLevel);
            }
            if (!arena) {
                sb.append(", no arena");
            }
            if (!memPattern) {
                sb.append(", no mem pattern");
            }
            if (!spinning) {
                sb.append(", no spinning");
            }
            return sb.toString();
        }

        static Setup of(int sessions, int callers, int intraOp, Grouping g, int batch) {
            return new Setup(sessions, callers, intraOp, g, batch, OrtSession.SessionOptions.OptLevel.ALL_OPT, true,
                    true, true);
        }
    }

    private final byte[] weights;
    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;

    BareOnnx(String modelFileBase, int maxTokens) throws Exception {
        ClassLoader cl = BareOnnx.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(modelFileBase + ".onnx")) {
            weights = in.readAllBytes();
        }
        try (InputStream in = cl.getResourceAsStream(modelFileBase + "-tokenizer.json")) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "false", "padding", "false",
                    "maxLength", Integer.toString(maxTokens)));
        }
        this.maxTokens = maxTokens;
    }

    private long[] ids(String text) {
        long[] full = tokenizer.encode(text).getIds();
        if (full.length <= maxTokens) {
            return full;
        }
        long[] t = Arrays.copyOf(full, maxTokens);
        t[maxTokens - 1] = full[full.length - 1];
        return t;
    }

    /**
     * Runs the set-up over the texts (after a warm-up on {@code warm}); returns {wall seconds, process CPU seconds}
     * for {@code texts}.
     */
    double[] time(Setup s, List<String> warm, List<String> texts, float[][] out) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OrtSession> sessions = new ArrayList<>();
        for (int i = 0; i < s.sessions(); i++) {
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(s.intraOp());
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(s.optLevel());
            o.setCPUArenaAllocator(s.arena());
            o.setMemoryPatternOptimization(s.memPattern());
            o.addConfigEntry("session.intra_op.allow_spinning", s.spinning() ? "1" : "0");
            sessions.add(env.createSession(weights, o));
        }
        ExecutorService pool = Executors.newFixedThreadPool(s.callers());
        try {
            run(s, sessions, pool, warm, new float[warm.size()][]);
            long c0 = EmbedBenchmark.cpuNanos();
            long t0 = System.nanoTime();
            run(s, sessions, pool, texts, out);
            return new double[] {(System.nanoTime() - t0) / 1e9, (EmbedBenchmark.cpuNanos() - c0) / 1e9};
        } finally {
            pool.shutdownNow();
            for (OrtSession x : sessions) {
                x.close();
            }
        }
    }

    private void run(Setup s, List<OrtSession> sessions, ExecutorService pool, List<String> texts, float[][] out)
            throws Exception {
        List<int[]> units;
        long[][] ids;
        if (s.grouping() == Grouping.SINGLE) {
            ids = new long[texts.size()][];
            units = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                units.add(new int[] {i});
            }
        } else {
            ids = texts.stream().map(this::ids).toArray(long[][]::new);
            units = group(s, ids);
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < s.callers(); c++) {
            OrtSession session = sessions.get(c % sessions.size());
            fs.add(pool.submit(() -> {
                for (int u; (u = next.getAndIncrement()) < units.size(); ) {
                    int[] rows = units.get(u);
                    if (s.grouping() == Grouping.SINGLE) {
                        ids[rows[0]] = ids(texts.get(rows[0]));
                    }
                    call(session, rows, ids, out);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
    }

    private static List<int[]> group(Setup s, long[][] ids) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            order.add(i);
        }
        List<int[]> units = new ArrayList<>();
        if (s.grouping() == Grouping.EXACT_LENGTH) {
            Map<Integer, List<Integer>> byLen = new LinkedHashMap<>();
            for (int i : order) {
                byLen.computeIfAbsent(ids[i].length, k -> new ArrayList<>()).add(i);
            }
            for (List<Integer> same : byLen.values()) {
                for (int a = 0; a < same.size(); a += s.batch()) {
                    units.add(same.subList(a, Math.min(a + s.batch(), same.size())).stream()
                            .mapToInt(Integer::intValue).toArray());
                }
            }
            return units;
        }
        if (s.grouping() == Grouping.SORTED_PADDED) {
            order.sort(Comparator.comparingInt(i -> ids[i].length));
        }
        for (int a = 0; a < order.size(); a += s.batch()) {
            units.add(order.subList(a, Math.min(a + s.batch(), order.size())).stream().mapToInt(Integer::intValue)
                    .toArray());
        }
        return units;
    }

    /** One ONNX call over the rows, padded to the longest; mean pooling over the mask, L2-normalised. */
    private static void call(OrtSession session, int[] rows, long[][] ids, float[][] out) throws OrtException {
        int b = rows.length;
        int len = 0;
        for (int r : rows) {
            len = Math.max(len, ids[r].length);
        }
        long[] flat = new long[b * len];
        long[] mask = new long[b * len];
        for (int r = 0; r < b; r++) {
            long[] x = ids[rows[r]];
            System.arraycopy(x, 0, flat, r * len, x.length);
            Arrays.fill(mask, r * len, r * len + x.length, 1L);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {b, len};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(flat), shape));
            feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b * len]), shape));
            try (OrtSession.Result res = session.run(feed)) {
                FloatBuffer h = ((OnnxTensor) res.get(0)).getFloatBuffer();
                int d = h.capacity() / (b * len);
                for (int r = 0; r < b; r++) {
                    int n = ids[rows[r]].length;
                    double[] acc = new double[d];
                    for (int t = 0; t < n; t++) {
                        int base = (r * len + t) * d;
                        for (int j = 0; j < d; j++) {
                            acc[j] += h.get(base + j);
                        }
                    }
                    double norm = 0;
                    for (double v : acc) {
                        norm += v * v;
                    }
                    norm = Math.sqrt(norm);
                    float[] v = new float[d];
                    for (int j = 0; j < d; j++) {
                        v[j] = (float) (acc[j] / norm);
                    }
                    out[rows[r]] = v;
                }
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }
}
