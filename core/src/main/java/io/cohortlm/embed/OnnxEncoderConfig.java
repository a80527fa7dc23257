package io.cohortlm.embed;

import java.util.Objects;

/**
 * How to run an {@link OnnxEncoder}.
 *
 * @param model    which model, see {@link OnnxModel}
 * @param threads  worker threads, each with its own ONNX Runtime session, in [1, 256]; one per core with
 *                 intra-op threads 1 was fastest on a quiet 2-core machine (FINDINGS: 72 vs 45-56 texts/s)
 * @param maxBatch most texts per ONNX call, in [1, 256]. Texts are only ever batched with texts of exactly the
 *                 same token count (never padded), so a text's vector does not depend on its batch; quantised
 *                 models always run one text per call because their per-call activation quantisation would
 *                 still couple texts. Default 32: a call streams all the weights from memory (~42 MB for
 *                 MiniLM), which dominates short texts (measured: a 9-token text costs ~6 ms of CPU alone, 1/5 of
 *                 a 128-token one), so batching equal-length short texts (item descriptions) was 3.5x faster
 * @param intraOpThreads ONNX Runtime intra-op threads per session, in [1, 256]; default 1. Above 1 the pool's
 *                 threads do not spin while idle (spinning threads steal the cores from the working ones when the
 *                 machine is shared)
 */
public record OnnxEncoderConfig(OnnxModel model, int threads, int maxBatch, int intraOpThreads) {
    public OnnxEncoderConfig {
        Objects.requireNonNull(model, "model");
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], was " + threads);
        }
        if (maxBatch < 1 || maxBatch > 256) {
            throw new IllegalArgumentException("maxBatch must be in [1, 256], was " + maxBatch);
        }
        if (intraOpThreads < 1 || intraOpThreads > 256) {
            throw new IllegalArgumentException("intraOpThreads must be in [1, 256], was " + intraOpThreads);
        }
    }

    /** {@code threads} sessions with one intra-op thread each. */
    public OnnxEncoderConfig(OnnxModel model, int threads, int maxBatch) {
        this(model, threads, maxBatch, 1);
    }

    /** Default batch limit for full-precision models. */
    public static final int DEFAULT_MAX_BATCH = 32;

    /** One thread per available core, exact-length batches of up to {@value #DEFAULT_MAX_BATCH}. */
    public static OnnxEncoderConfig defaults(OnnxModel model) {
        return new OnnxEncoderConfig(model, Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_BATCH);
    }

    public OnnxEncoderConfig withThreads(int threads) {
        return new OnnxEncoderConfig(model, threads, maxBatch, intraOpThreads);
    }

    public OnnxEncoderConfig withMaxBatch(int maxBatch) {
        return new OnnxEncoderConfig(model, threads, maxBatch, intraOpThreads);
    }

    public OnnxEncoderConfig withIntraOpThreads(int intraOpThreads) {
        return new OnnxEncoderConfig(model, threads, maxBatch, intraOpThreads);
    }

    /** The batch size actually used: {@link #maxBatch()}, or 1 for quantised models. */
    int effectiveMaxBatch() {
        return model.quantized() ? 1 : maxBatch;
    }
}
