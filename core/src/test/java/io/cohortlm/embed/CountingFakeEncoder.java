package io.cohortlm.embed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test encoder: a text's vector is a seeded function of the text (so cached and fresh vectors can be compared);
 * counts calls and texts; optionally sleeps per call to make a run slow enough to kill.
 */
class CountingFakeEncoder implements Encoder {
    static final EncoderIdentity IDENTITY = new EncoderIdentity("fake", "0123456789abcdef", 8, "mean", true);

    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger texts = new AtomicInteger();
    private final long sleepMillisPerCall;

    CountingFakeEncoder(long sleepMillisPerCall) {
        this.sleepMillisPerCall = sleepMillisPerCall;
    }

    static float[] vectorOf(String text) {
        SplittableRandom r = new SplittableRandom(java.util.Arrays.hashCode(text.getBytes(StandardCharsets.UTF_8)));
        float[] v = new float[IDENTITY.dimension()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Override
    public EncoderIdentity identity() {
        return IDENTITY;
    }

    @Override
    public float[][] encode(List<String> batch) {
        calls.incrementAndGet();
        texts.addAndGet(batch.size());
        if (sleepMillisPerCall > 0) {
            try {
                Thread.sleep(sleepMillisPerCall);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return batch.stream().map(CountingFakeEncoder::vectorOf).toArray(float[][]::new);
    }

    @Override
    public int countTokens(String text) {
        return text.split("\\s+").length + 2;
    }

    @Override
    public int maxTokens() {
        return 512;
    }
}
