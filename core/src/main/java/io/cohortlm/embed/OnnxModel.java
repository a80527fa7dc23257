package io.cohortlm.embed;

import io.cohortlm.CohortException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The sentence encoders {@link OnnxEncoder} can run. Each one's ONNX weights and {@code tokenizer.json} sit at the
 * root of a Maven artifact ({@code dev.langchain4j:langchain4j-embeddings-*}, used for its files only, with every
 * transitive dependency excluded). The core module ships {@link #MINILM}, {@link #MINILM_Q} and {@link #BGE_ZH_Q};
 * the others need their artifact added (see {@link #artifact()}), and opening one without it fails with a
 * {@link CohortException} naming the artifact.
 * <p>Pooling follows the reference implementation (LangChain4j's model classes): mean for MiniLM and e5, CLS for
 * bge; every model's vectors are L2-normalised. e5 models were trained with a {@code "query: "} /
 * {@code "passage: "} prefix; CohortLM compares texts with each other (profiles with profiles, items with items),
 * a symmetric task for which the e5 authors advise {@code "query: "} on both sides, so that prefix is prepended to
 * every text (and counts towards the token limit).
 */
public enum OnnxModel {
    MINILM("minilm", "all-minilm-l6-v2", "all-minilm-l6-v2", "1.19.0-beta29", Pooling.MEAN, 384, "", false),
    MINILM_Q("minilm-q", "all-minilm-l6-v2-q", "all-minilm-l6-v2-q", "1.19.0-beta29", Pooling.MEAN, 384, "", true),
    BGE_ZH("bge-zh", "bge-small-zh-v1.5", "bge-small-zh-v15", "1.19.0-beta29", Pooling.CLS, 512, "", false),
    BGE_ZH_Q("bge-zh-q", "bge-small-zh-v1.5-q", "bge-small-zh-v15-q", "1.11.0-beta19", Pooling.CLS, 512, "", true),
    BGE_EN("bge-en", "bge-small-en-v1.5", "bge-small-en-v15", "1.11.0-beta19", Pooling.CLS, 384, "", false),
    BGE_EN_Q("bge-en-q", "bge-small-en-v1.5-q", "bge-small-en-v15-q", "1.11.0-beta19", Pooling.CLS, 384, "", true),
    E5("e5", "e5-small-v2", "e5-small-v2", "1.11.0-beta19", Pooling.MEAN, 384, "query: ", false),
    E5_Q("e5-q", "e5-small-v2-q", "e5-small-v2-q", "1.11.0-beta19", Pooling.MEAN, 384, "query: ", true);

    private static final Map<OnnxModel, String> FINGERPRINTS = new ConcurrentHashMap<>();

    private final String shortName;
    private final String fileBase;
    private final String artifactSuffix;
    private final String version;
    private final Pooling pooling;
    private final int dimension;
    private final String textPrefix;
    private final boolean quantized;

    OnnxModel(String shortName, String fileBase, String artifactSuffix, String version, Pooling pooling,
            int dimension, String textPrefix, boolean quantized) {
        this.shortName = shortName;
        this.fileBase = fileBase;
        this.artifactSuffix = artifactSuffix;
        this.version = version;
        this.pooling = pooling;
        this.dimension = dimension;
        this.textPrefix = textPrefix;
        this.quantized = quantized;
    }

    /** The name used on the command line, e.g. {@code minilm-q}. */
    public String shortName() {
        return shortName;
    }

    /** The model id recorded in {@link EncoderIdentity#modelId()}, e.g. {@code all-minilm-l6-v2-q}. */
    public String modelId() {
        return fileBase;
    }

    /** Maven coordinates of the artifact holding the weights, {@code group:artifact:version}. */
    public String artifact() {
        return "dev.langchain4j:langchain4j-embeddings-" + artifactSuffix + ":" + version;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** Output vector length. */
    public int dimension() {
        return dimension;
    }

    /** Prepended to every text before tokenising; empty for all but e5. */
    public String textPrefix() {
        return textPrefix;
    }

    /**
     * True for int8-quantised weights. Their activations are quantised per call, so a text's vector changes with
     * the other texts in a padded batch (measured cosine 0.966-0.99); {@link OnnxEncoder} runs them one text per
     * call.
     */
    public boolean quantized() {
        return quantized;
    }

    String weightsResource() {
        return fileBase + ".onnx";
    }

    String tokenizerResource() {
        return fileBase + "-tokenizer.json";
    }

    /** True if this model's artifact is on the classpath. */
    public boolean available() {
        return OnnxModel.class.getClassLoader().getResource(weightsResource()) != null;
    }

    /** The model with this short name; a {@link CohortException} listing the known names otherwise. */
    public static OnnxModel byShortName(String name) {
        return Arrays.stream(values()).filter(m -> m.shortName.equals(name)).findFirst()
                .orElseThrow(() -> new CohortException("unknown encoder model '" + name + "'; known: "
                        + shortNames()));
    }

    /** Every short name, comma-separated. */
    public static String shortNames() {
        return Arrays.stream(values()).map(OnnxModel::shortName).collect(Collectors.joining(", "));
    }

    /** The models whose artifacts are on the classpath. */
    public static List<OnnxModel> availableModels() {
        return Arrays.stream(values()).filter(OnnxModel::available).toList();
    }

    /**
     * Hex sha256 of the weights file, hashed once per process (a 90 MB file takes ~0.3 s) and memoised.
     *
     * @throws CohortException if the artifact is missing
     */
    public String fingerprint() {
        return FINGERPRINTS.computeIfAbsent(this, m -> {
            try (InputStream in = m.open(m.weightsResource())) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
                return HexFormat.of().formatHex(sha.digest());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Reads the weights file whole (needed by ONNX Runtime), memoising the fingerprint on the way. */
    byte[] readWeights() {
        try (InputStream in = open(weightsResource())) {
            byte[] bytes = in.readAllBytes();
            FINGERPRINTS.computeIfAbsent(this, m -> sha256(bytes));
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The identity of vectors this model produces. */
    public EncoderIdentity identity() {
        return new EncoderIdentity(modelId(), fingerprint(), dimension, pooling.id(), true);
    }

    InputStream open(String resource) {
        InputStream in = OnnxModel.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new CohortException("encoder model '" + shortName + "' is not on the classpath (resource "
                    + resource + " missing): add the Maven artifact " + artifact()
                    + " (with its transitive dependencies excluded)");
        }
        return in;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
