package io.cohortlm.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.CohortException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Encoder}: a sentence encoder run in-process by ONNX Runtime, tokenised by the HuggingFace
 * tokenizer in the model's own {@code tokenizer.json}, offline.
 * <p>Threading: {@code threads} workers, each with its own session (intra-op threads 1), pull work units from the
 * call; a unit is one text, or (full-precision models) up to {@code maxBatch} texts of exactly the same token count.
 * On 2 cores one session per core with intra-op 1 beat ORT's own intra-op threading and padded batches (FINDINGS,
 * and the {@code embed} benchmark). A text's vector never depends on the other texts of a call: texts are never
 * padded (see {@link OnnxEncoderConfig}).
 * <p>Truncation is never silent: texts longer than {@link #maxTokens()} are cut exactly as the model's tokenizer
 * would ({@code [CLS]} + first tokens + {@code [SEP]}), counted in {@link #diagnostics()}, and the first one
 * logs a warning.
 * <p>Cheap to create: the weights are hashed for {@link #identity()} (memoised per process) and the sessions are
 * created on the first {@link #encode}, so a run answered entirely from a cache never starts ONNX Runtime.
 * Thread-safe.
 */
public final class OnnxEncoder implements Encoder {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxEncoder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** BERT-family position-embedding limit, used when {@code tokenizer.json} declares no truncation. */
    private static final int DEFAULT_MAX_TOKENS = 512;

    private final OnnxEncoderConfig config;
    private final EncoderIdentity identity;
    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
    private final AtomicLong texts = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicInteger longest = new AtomicInteger();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Object startLock = new Object();
    private volatile Runtime runtime;

    /** The sessions and their worker threads, created on first use. */
    private record Runtime(BlockingQueue<OrtSession> sessions, List<OrtSession> all, ExecutorService workers,
            Set<String> inputs) {
    }

    public OnnxEncoder(OnnxEncoderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        OnnxModel model = config.model();
        this.identity = model.identity();
        String json;
        try (InputStream in = model.open(model.tokenizerResource())) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.maxTokens = declaredMaxTokens(json);
        try (InputStream in = new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            // Truncation is done here, not by the tokenizer, so that it can be counted.
            this.tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "false", "padding", "false",
                    "maxLength", Integer.toString(maxTokens)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An encoder with {@link OnnxEncoderConfig#defaults}. */
    public static OnnxEncoder of(OnnxModel model) {
        return new OnnxEncoder(OnnxEncoderConfig.defaults(model));
    }

    public OnnxEncoderConfig config() {
        return config;
    }

    @Override
    public EncoderIdentity identity() {
        return identity;
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public int countTokens(String text) {
        return tokenizer.encode(config.model().textPrefix() + text).getIds().length;
    }

    @Override
    public EncoderDiagnostics diagnostics() {
        return new EncoderDiagnostics(texts.get(), truncated.get(), longest.get());
    }

    @Override
    public float[][] encode(List<String> batch) {
        int n = batch.size();
        float[][] out = new float[n][];
        if (n == 0) {
            return out;
        }
        long[][] ids = new long[n][];
        int cut = 0;
        int maxSeen = 0;
        for (int i = 0; i < n; i++) {
            long[] full = tokenizer.encode(config.model().textPrefix()
                    + Objects.requireNonNull(batch.get(i), "text " + i)).getIds();
            maxSeen = Math.max(maxSeen, full.length);
            if (full.length > maxTokens) {
                cut++;
                long[] t = Arrays.copyOf(full, maxTokens);
                t[maxTokens - 1] = full[full.length - 1];
                full = t;
            }
            ids[i] = full;
        }
        List<int[]> units = units(ids, config.effectiveMaxBatch());
        Runtime rt = runtime();
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(config.threads(), units.size());
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            futures.add(rt.workers.submit(() -> {
                OrtSession session = rt.sessions.take();
                try {
                    for (int u; (u = next.getAndIncrement()) < units.size(); ) {
                        run(session, rt.inputs, units.get(u), ids, out);
                    }
                } finally {
                    rt.sessions.add(session);
                }
                return null;
            }));
        }
        await(futures);
        texts.addAndGet(n);
        longest.accumulateAndGet(maxSeen, Math::max);
        if (cut > 0) {
            truncated.addAndGet(cut);
            if (warned.compareAndSet(false, true)) {
                LOG.warn("{} of {} texts exceed the {}-token limit of {} and were truncated (longest: {} tokens); "
                        + "further truncations are counted, not logged", cut, n, maxTokens,
                        config.model().shortName(), maxSeen);
            }
        }
        return out;
    }

    /**
     * Tokens per batched call beyond which batching stops paying: a call re-reads all the weights (~42 MB for
     * MiniLM), which dominates below ~100 tokens; above that the call is compute-bound, and smaller units keep the
     * workers evenly loaded at the end of a call.
     */
    static final int UNIT_TOKENS = 512;

    /**
     * Groups texts into ONNX calls: one text each, or up to maxBatch texts of exactly equal token count (at most
     * {@link #UNIT_TOKENS} tokens per call); largest units first, so the last ones to finish are small.
     */
    static List<int[]> units(long[][] ids, int b) {
        List<int[]> units = new ArrayList<>();
        if (b == 1) {
            for (int i = 0; i < ids.length; i++) {
                units.add(new int[] {i});
            }
        } else {
            Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
            for (int i = 0; i < ids.length; i++) {
                byLength.computeIfAbsent(ids[i].length, k -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<Integer, List<Integer>> e : byLength.entrySet()) {
                int size = Math.max(1, Math.min(b, UNIT_TOKENS / e.getKey()));
                List<Integer> same = e.getValue();
                for (int s = 0; s < same.size(); s += size) {
                    units.add(same.subList(s, Math.min(s + size, same.size())).stream().mapToInt(Integer::intValue)
                            .toArray());
                }
            }
        }
        units.sort(Comparator.comparingInt((int[] u) -> -u.length * ids[u[0]].length));
        return units;
    }

    private void run(OrtSession session, Set<String> inputs, int[] rows, long[][] ids, float[][] out)
            throws OrtException {
        int b = rows.length;
        int len = ids[rows[0]].length;
        long[] flatIds = new long[b * len];
        for (int r = 0; r < b; r++) {
            System.arraycopy(ids[rows[r]], 0, flatIds, r * len, len);
        }
        long[] ones = new long[b * len];
        Arrays.fill(ones, 1L);
        long[] shape = {b, len};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(flatIds), shape));
            if (inputs.contains("attention_mask")) {
                feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape));
            }
            if (inputs.contains("token_type_ids")) {
                feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b * len]), shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int d = identity.dimension();
                for (int r = 0; r < b; r++) {
                    out[rows[r]] = pool(hidden, r * len * d, len, d, config.model().pooling());
                }
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** Pools one text's token vectors (no padding: every token counts) and L2-normalises the result. */
    static float[] pool(FloatBuffer hidden, int offset, int len, int d, Pooling pooling) {
        double[] acc = new double[d];
        int tokens = pooling == Pooling.CLS ? 1 : len;
        for (int t = 0; t < tokens; t++) {
            int base = offset + t * d;
            for (int j = 0; j < d; j++) {
                acc[j] += hidden.get(base + j);
            }
        }
        double norm = 0;
        for (int j = 0; j < d; j++) {
            acc[j] /= tokens;
            norm += acc[j] * acc[j];
        }
        norm = Math.sqrt(norm);
        float[] v = new float[d];
        for (int j = 0; j < d; j++) {
            v[j] = (float) (norm > 0 ? acc[j] / norm : 0);
        }
        return v;
    }

    private Runtime runtime() {
        Runtime rt = runtime;
        if (rt != null) {
            return rt;
        }
        synchronized (startLock) {
            if (runtime == null) {
                runtime = start();
            }
            return runtime;
        }
    }

    private Runtime start() {
        long t0 = System.nanoTime();
        byte[] weights = config.model().readWeights();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OrtSession> all = new ArrayList<>();
        try {
            for (int i = 0; i < config.threads(); i++) {
                all.add(env.createSession(weights, sessionOptions(config.intraOpThreads())));
            }
        } catch (OrtException e) {
            all.forEach(OnnxEncoder::closeQuietly);
            throw new CohortException("cannot load encoder model " + config.model().shortName() + ": "
                    + e.getMessage(), e);
        }
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "onnx-encoder-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        LOG.info("encoder {} ready: {} session(s) x {} intra-op thread(s), max batch {}, {} ms",
                config.model().shortName(), config.threads(), config.intraOpThreads(), config.effectiveMaxBatch(),
                (System.nanoTime() - t0) / 1_000_000);
        return new Runtime(new ArrayBlockingQueue<>(all.size(), false, all), List.copyOf(all), workers,
                all.get(0).getInputNames());
    }

    /** Session settings; the {@code embed} benchmark measures the alternatives. */
    static OrtSession.SessionOptions sessionOptions(int intraOp) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(intraOp);
        if (intraOp > 1) {
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
        }
        o.setInterOpNumThreads(1);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return o;
    }

    private static void await(List<Future<?>> futures) {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("encoding failed: " + e.getCause(), e.getCause());
        }
    }

    private static int declaredMaxTokens(String tokenizerJson) {
        try {
            JsonNode max = JSON.readTree(tokenizerJson).path("truncation").path("max_length");
            return max.isInt() ? max.intValue() : DEFAULT_MAX_TOKENS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            LOG.debug("closing session", e);
        }
    }

    @Override
    public void close() {
        synchronized (startLock) {
            Runtime rt = runtime;
            if (rt != null) {
                rt.workers.shutdownNow();
                rt.all.forEach(OnnxEncoder::closeQuietly);
                runtime = null;
            }
        }
        tokenizer.close();
    }
}
