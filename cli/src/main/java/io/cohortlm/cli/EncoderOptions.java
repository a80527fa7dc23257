package io.cohortlm.cli;

import io.cohortlm.embed.CachedEncoder;
import io.cohortlm.embed.EmbeddingCache;
import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.Encoders;
import io.cohortlm.progress.Progress;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --encoder} / {@code --cache} options: a language model wrapped in the on-disk embedding cache. */
final class EncoderOptions {
    @Option(names = "--encoder", paramLabel = "NAME", defaultValue = "minilm",
            description = "Language model: minilm (default), minilm-q, bge-zh, bge-zh-q, bge-en, e5 (optionally "
                    + "@THREADS), or openai:<model>@<url> for an OpenAI-compatible /v1/embeddings endpoint.")
    String encoder;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Embedding cache folder (default: $COHORTLM_CACHE or ~/.cache/cohortlm/embeddings).")
    Path cache;

    Path cacheDir() {
        if (cache != null) {
            return cache;
        }
        String env = System.getenv("COHORTLM_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "cohortlm", "embeddings");
    }

    /** The bare encoder (no cache). */
    Encoder bare() {
        return Encoders.byName(encoder);
    }

    /** The encoder behind the cache, with progress on stderr unless quiet. */
    CachedEncoder cached(boolean quiet) {
        Encoder e = bare();
        return new CachedEncoder(e, EmbeddingCache.open(cacheDir(), e.identity()),
                CachedEncoder.Settings.DEFAULT.withProgress(Progress.console(quiet)));
    }
}
