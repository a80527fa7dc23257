package io.cohortlm.embed;

import io.cohortlm.CohortException;

/**
 * Builds an {@link Encoder} from a command-line spec. Known specs: the {@link OnnxModel} short names
 * ({@code minilm}, {@code minilm-q}, {@code bge-zh}, {@code bge-zh-q}, {@code bge-en}, {@code bge-en-q},
 * {@code e5}, {@code e5-q}), each optionally suffixed {@code @THREADS}, e.g. {@code minilm-q@4}.
 * <p>Hook for other kinds of encoder (e.g. the remote {@code openai:<model>@<url>}): add a prefix branch in
 * {@link #byName(String)} before the ONNX fallback; an unknown spec fails with a {@link CohortException} listing
 * every known form.
 */
public final class Encoders {
    /** Forms accepted besides the ONNX model names; extend when adding a prefix branch. */
    private static final String OTHER_FORMS = ", openai:<model>@<url> (remote OpenAI-compatible /v1/embeddings)";

    private Encoders() {
    }

    /**
     * The encoder a spec names.
     *
     * @throws CohortException for an unknown spec or a model whose artifact is not on the classpath
     */
    public static Encoder byName(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new CohortException("encoder spec must not be empty; known: " + known());
        }
        String name = spec.strip();
        if (name.startsWith("openai:")) {
            return new RemoteEncoder(RemoteEncoderConfig.parse(name));
        }
        int threads = java.lang.Runtime.getRuntime().availableProcessors();
        int at = name.indexOf('@');
        if (at >= 0) {
            String t = name.substring(at + 1);
            name = name.substring(0, at);
            try {
                threads = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new CohortException("encoder spec '" + spec + "': threads after '@' must be an integer, was '"
                        + t + "'");
            }
            if (threads < 1 || threads > 256) {
                throw new CohortException("encoder spec '" + spec + "': threads must be in [1, 256], was " + threads);
            }
        }
        OnnxModel model = null;
        for (OnnxModel m : OnnxModel.values()) {
            if (m.shortName().equals(name)) {
                model = m;
            }
        }
        if (model == null) {
            throw new CohortException("unknown encoder '" + spec + "'; known: " + known());
        }
        return new OnnxEncoder(OnnxEncoderConfig.defaults(model).withThreads(threads));
    }

    /** Every accepted form, for error messages and help. */
    public static String known() {
        return OnnxModel.shortNames() + " (optionally @THREADS)" + OTHER_FORMS;
    }
}
