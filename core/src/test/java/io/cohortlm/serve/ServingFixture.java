package io.cohortlm.serve;

import io.cohortlm.data.Dataset;
import io.cohortlm.embed.Encoder;
import io.cohortlm.manifest.RunManifest;
import io.cohortlm.privacy.Pseudonymizer;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.RepresentationConfig;
import io.cohortlm.represent.RepresentationJob;
import io.cohortlm.represent.UserVectors;
import io.cohortlm.segment.Matrix;
import io.cohortlm.segment.SegmentBundle;
import io.cohortlm.segment.Segmentation;
import io.cohortlm.segment.Segmenter;
import io.cohortlm.segment.SegmenterConfig;
import io.cohortlm.synth.SyntheticConfig;
import io.cohortlm.synth.SyntheticData;
import io.cohortlm.synth.SyntheticGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a real serving bundle from planted synthetic data through the real stages (embed → segment → package),
 * with a hashing encoder standing in for the language model. Shared with the server module's tests.
 */
public final class ServingFixture {
    public static final byte[] KEY = "fixture-pseudonym-key-0123456789".getBytes(StandardCharsets.US_ASCII);

    /** What was built. */
    public record Built(Path bundle, SyntheticData synthetic, Pseudonymizer pseudonymizer, Encoder encoder,
            Segmentation segmentation) {
        public Dataset data() {
            return synthetic.dataset();
        }
    }

    private ServingFixture() {
    }

    /** A bundle over {@code users} planted users in 3 segments, under {@code root/model}. */
    public static Built build(Path root, int users) {
        SyntheticData s = SyntheticGenerator.generate(SyntheticConfig.parse("users=" + users
                + ",segments=3,seed=11,signals=attributes+behaviour+text"));
        Dataset d = s.dataset();
        Pseudonymizer p = Pseudonymizer.withKey(KEY);
        Encoder enc = new HashingEncoder(32);
        RepresentationConfig cfg = RepresentationConfig.of("text,items,behaviour,attributes", null, null, 3);
        UserVectors v = new RepresentationJob(cfg, enc, EventWeights.defaults(), p::pseudonymize).run(d);
        Path vectors = root.resolve("vectors");
        v.write(vectors, true);
        Segmentation seg = new Segmenter(SegmenterConfig.defaults(3).withK(3).withMinSize(5))
                .run(Matrix.of(v.vectors()), v.userIds(), d, null);
        Path segments = root.resolve("segments");
        SegmentBundle.write(segments, true, seg, v.userIds(), v.encoder(), RunManifest.of("segment", Map.of(), 3,
                v.manifest().inputFingerprint(), Map.of()));
        Path bundle = root.resolve("model");
        ServingBundle.write(bundle, true, segments, vectors, d, p, null, null, 3, id -> null);
        return new Built(bundle, s, p, enc, seg);
    }
}
