package io.cohortlm.embed;

import io.cohortlm.progress.Progress;
import io.cohortlm.progress.ProgressTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Encoder} that answers from an {@link EmbeddingCache} and encodes only what is missing: identical
 * texts of a call are encoded once, texts already cached are not encoded at all, and misses are encoded in
 * batches of {@link Settings#batchSize()}, each saved durably before the next starts, so a run killed midway
 * loses at most one batch. Vectors from the cache are bit-identical to the ones first computed.
 * <p>Owns the wrapped encoder and the cache: {@link #close()} closes both. Calls are serialised (synchronized);
 * the wrapped encoder parallelises within a batch.
 */
public final class CachedEncoder implements Encoder {
    private static final Logger LOG = LoggerFactory.getLogger(CachedEncoder.class);

    /**
     * @param batchSize texts per call to the wrapped encoder and per durable cache write, in [1, 100000]: larger
     *                  batches waste less of the encoder's parallelism at batch ends, smaller ones lose less work to
     *                  a kill
     * @param progress  where to report encoding progress
     */
    public record Settings(int batchSize, Progress progress) {
        /**
         * 256 texts per batch (about 4 s of MiniLM profiles on 2 cores: the most a kill loses; large enough for
         * equal-length texts to share ONNX calls), no progress output.
         */
        public static final Settings DEFAULT = new Settings(256, Progress.quiet());

        public Settings {
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("batchSize must be in [1, 100000], was " + batchSize);
            }
            Objects.requireNonNull(progress, "progress");
        }

        public Settings withProgress(Progress p) {
            return new Settings(batchSize, p);
        }
    }

    private final Encoder encoder;
    private final EmbeddingCache cache;
    private final Settings settings;
    private EmbeddingStats total = EmbeddingStats.ZERO;

    /**
     * @throws IllegalArgumentException if the cache belongs to another encoder identity
     */
    public CachedEncoder(Encoder encoder, EmbeddingCache cache, Settings settings) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!cache.identity().equals(encoder.identity())) {
            throw new IllegalArgumentException("cache identity " + cache.identity() + " differs from encoder identity "
                    + encoder.identity());
        }
    }

    @Override
    public EncoderIdentity identity() {
        return encoder.identity();
    }

    @Override
    public int countTokens(String text) {
        return encoder.countTokens(text);
    }

    @Override
    public int maxTokens() {
        return encoder.maxTokens();
    }

    @Override
    public EncoderDiagnostics diagnostics() {
        return encoder.diagnostics();
    }

    @Override
    public float[][] encode(List<String> texts) {
        return embedAll(texts).vectors();
    }

    /** Cumulative stats of every call so far. */
    public synchronized EmbeddingStats stats() {
        return total;
    }

    /** Vectors for {@code texts} with this call's stats. */
    public synchronized EmbeddingResult embedAll(List<String> texts) {
        int n = texts.size();
        float[][] out = new float[n][];
        // Distinct texts in first-seen order; firstOf[i] = the row answering text i.
        Map<String, Integer> first = new HashMap<>();
        int[] firstOf = new int[n];
        List<Integer> missRows = new ArrayList<>();
        List<EmbeddingCache.Key> missKeys = new ArrayList<>();
        long duplicates = 0;
        long hits = 0;
        for (int i = 0; i < n; i++) {
            String t = Objects.requireNonNull(texts.get(i), "text " + i);
            Integer f = first.putIfAbsent(t, i);
            if (f != null) {
                firstOf[i] = f;
                duplicates++;
                continue;
            }
            firstOf[i] = i;
            EmbeddingCache.Key key = cache.keyOf(t);
            float[] v = cache.get(key);
            if (v != null) {
                out[i] = v;
                hits++;
            } else {
                missRows.add(i);
                missKeys.add(key);
            }
        }
        long calls = 0;
        long nanos = 0;
        long truncatedBefore = encoder.diagnostics().truncated();
        try (ProgressTask task = settings.progress().start("embed", missRows.size())) {
            for (int s = 0; s < missRows.size(); s += settings.batchSize()) {
                int e = Math.min(s + settings.batchSize(), missRows.size());
                List<String> batch = new ArrayList<>(e - s);
                for (int r = s; r < e; r++) {
                    batch.add(texts.get(missRows.get(r)));
                }
                long t0 = System.nanoTime();
                float[][] vs = encoder.encode(batch);
                nanos += System.nanoTime() - t0;
                calls++;
                if (vs.length != batch.size()) {
                    throw new IllegalStateException("encoder returned " + vs.length + " vectors for " + batch.size()
                            + " texts");
                }
                cache.putAll(missKeys.subList(s, e), List.of(vs));
                for (int r = s; r < e; r++) {
                    out[missRows.get(r)] = vs[r - s];
                }
                task.advance(batch.size());
            }
        }
        for (int i = 0; i < n; i++) {
            if (firstOf[i] != i) {
                out[i] = out[firstOf[i]].clone();
            }
        }
        long truncated = Math.max(0, encoder.diagnostics().truncated() - truncatedBefore);
        if (truncated > 0) {
            LOG.warn("{} of {} encoded texts exceeded the {}-token limit of {} and were truncated", truncated,
                    missRows.size(), encoder.maxTokens(), encoder.identity().modelId());
        }
        EmbeddingStats stats = new EmbeddingStats(n, duplicates, hits, missRows.size(), calls, truncated, nanos);
        total = total.plus(stats);
        return new EmbeddingResult(out, stats);
    }

    @Override
    public void close() {
        try {
            encoder.close();
        } finally {
            cache.close();
        }
    }
}
