package io.cohortlm.serve;

import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.EncoderIdentity;
import java.util.List;
import java.util.Locale;

/** A deterministic bag-of-words hashing encoder (unit vectors) for testing stages other than encoding. */
public final class HashingEncoder implements Encoder {
    private final int dim;

    public HashingEncoder(int dim) {
        this.dim = dim;
    }

    @Override
    public EncoderIdentity identity() {
        return new EncoderIdentity("hashing-fake", "hashing-" + dim, dim, "none", true);
    }

    @Override
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][dim];
        for (int i = 0; i < texts.size(); i++) {
            double n = 0;
            for (String w : texts.get(i).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!w.isEmpty()) {
                    out[i][Math.floorMod(w.hashCode(), dim)] += 1;
                }
            }
            for (float v : out[i]) {
                n += v * v;
            }
            if (n > 0) {
                for (int k = 0; k < dim; k++) {
                    out[i][k] /= (float) Math.sqrt(n);
                }
            }
        }
        return out;
    }

    @Override
    public int countTokens(String text) {
        return text.split("\\s+").length;
    }

    @Override
    public int maxTokens() {
        return 256;
    }

    @Override
    public void close() {
    }
}
