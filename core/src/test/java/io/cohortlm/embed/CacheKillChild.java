package io.cohortlm.embed;

import java.nio.file.Path;
import java.util.List;

/**
 * Child JVM for {@link CachedEncoderTest}: embeds {@code n} texts through a {@link CachedEncoder} with a slow fake
 * encoder, printing {@code encoded <total texts>} each time the encoder returns, until killed.
 * Args: cacheRoot n batchSize sleepMillisPerBatch.
 */
public final class CacheKillChild {
    private CacheKillChild() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        long sleep = Long.parseLong(args[3]);
        CountingFakeEncoder slow = new CountingFakeEncoder(sleep) {
            @Override
            public float[][] encode(List<String> texts) {
                float[][] v = super.encode(texts);
                System.out.println("encoded " + this.texts.get());
                System.out.flush();
                return v;
            }
        };
        try (CachedEncoder enc = new CachedEncoder(slow, EmbeddingCache.open(root, slow.identity()),
                new CachedEncoder.Settings(batch, io.cohortlm.progress.Progress.quiet()))) {
            enc.encode(CachedEncoderTest.texts(n));
        }
        System.out.println("finished");
    }
}
