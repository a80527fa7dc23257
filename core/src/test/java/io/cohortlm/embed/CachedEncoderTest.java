package io.cohortlm.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedEncoderTest {
    @TempDir
    Path root;

    static List<String> texts(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add("customer " + i + " bought tea cups and lanterns");
        }
        return t;
    }

    /** Most texts the child reported encoded so far. */
    private static int reportedIn(Path log) throws java.io.IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("encoded "))
                .mapToInt(l -> Integer.parseInt(l.substring(8).trim())).max().orElse(0);
    }

    private CachedEncoder cached(CountingFakeEncoder fake, int batch) {
        return new CachedEncoder(fake, EmbeddingCache.open(root, fake.identity()),
                new CachedEncoder.Settings(batch, Progress.quiet()));
    }

    private static void assertVectorsOf(List<String> texts, float[][] got) {
        assertEquals(texts.size(), got.length);
        for (int i = 0; i < got.length; i++) {
            assertArrayEquals(CountingFakeEncoder.vectorOf(texts.get(i)), got[i], "text " + i);
        }
    }

    @Test
    void a_rerun_over_unchanged_texts_calls_the_encoder_zero_times() {
        List<String> texts = texts(50);
        CountingFakeEncoder first = new CountingFakeEncoder(0);
        try (CachedEncoder enc = cached(first, 16)) {
            EmbeddingResult r = enc.embedAll(texts);
            assertVectorsOf(texts, r.vectors());
            assertEquals(new EmbeddingStats(50, 0, 0, 50, 4, 0, r.stats().encodeNanos()), r.stats());
        }
        assertEquals(4, first.calls.get());
        CountingFakeEncoder second = new CountingFakeEncoder(0);
        try (CachedEncoder enc = cached(second, 16)) {
            EmbeddingResult r = enc.embedAll(texts);
            assertVectorsOf(texts, r.vectors());
            assertEquals(new EmbeddingStats(50, 0, 50, 0, 0, 0, 0), r.stats());
        }
        assertEquals(0, second.calls.get());
    }

    @Test
    void identical_texts_of_one_run_are_encoded_once() {
        List<String> texts = new ArrayList<>(texts(10));
        texts.addAll(texts(10));
        texts.add("customer 3 bought tea cups and lanterns");
        CountingFakeEncoder fake = new CountingFakeEncoder(0);
        try (CachedEncoder enc = cached(fake, 100)) {
            EmbeddingResult r = enc.embedAll(texts);
            assertVectorsOf(texts, r.vectors());
            assertEquals(11, r.stats().duplicatesCollapsed());
            assertEquals(10, r.stats().encoded());
            r.vectors()[0][0] = 42f; // rows are independent copies
            assertEquals(CountingFakeEncoder.vectorOf(texts.get(10))[0], r.vectors()[10][0]);
        }
        assertEquals(10, fake.texts.get());
        assertEquals(1, fake.calls.get());
    }

    @Test
    void only_new_texts_are_encoded_on_a_later_run() {
        CountingFakeEncoder first = new CountingFakeEncoder(0);
        try (CachedEncoder enc = cached(first, 8)) {
            enc.encode(texts(20));
        }
        CountingFakeEncoder second = new CountingFakeEncoder(0);
        try (CachedEncoder enc = cached(second, 8)) {
            EmbeddingResult r = enc.embedAll(texts(30));
            assertVectorsOf(texts(30), r.vectors());
            assertEquals(20, r.stats().cacheHits());
            assertEquals(10, r.stats().encoded());
            assertEquals(r.stats(), enc.stats());
        }
        assertEquals(10, second.texts.get());
    }

    @Test
    void a_cache_of_another_encoder_is_refused() {
        CountingFakeEncoder fake = new CountingFakeEncoder(0);
        EncoderIdentity other = new EncoderIdentity("other", "abc", 8, "mean", true);
        try (EmbeddingCache cache = EmbeddingCache.open(root, other)) {
            assertThrows(IllegalArgumentException.class,
                    () -> new CachedEncoder(fake, cache, CachedEncoder.Settings.DEFAULT));
        }
    }

    /**
     * Real kill -9: a child JVM embeds 1,000 texts in batches of 10 with a slow encoder and is killed with
     * destroyForcibly after a few batches. The rerun must recompute at most the one batch in flight.
     */
    @Test
    void after_kill_9_a_rerun_recomputes_at_most_one_batch() throws Exception {
        int n = 1000;
        int batch = 10;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Output goes to a file, not a pipe: destroyForcibly closes the pipes, which would lose lines the child
        // printed just before dying.
        Path log = root.resolve("child.log");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CacheKillChild.class.getName(), root.resolve("cache").toString(), Integer.toString(n),
                Integer.toString(batch), "40")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (reportedIn(log) < 5 * batch && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no flushing
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        List<String> output = Files.readAllLines(log);
        int reported = reportedIn(log);
        assertTrue(reported >= 5 * batch, "child never got going: " + output);
        assertTrue(output.stream().noneMatch(l -> l.equals("finished")), "child finished before the kill");

        CountingFakeEncoder rerun = new CountingFakeEncoder(0);
        try (CachedEncoder enc = new CachedEncoder(rerun, EmbeddingCache.open(root.resolve("cache"), rerun.identity()),
                new CachedEncoder.Settings(batch, Progress.quiet()))) {
            EmbeddingResult r = enc.embedAll(texts(n));
            assertVectorsOf(texts(n), r.vectors());
            long saved = r.stats().cacheHits();
            long recomputed = reported - saved;
            System.out.printf("kill -9 test: child reported %d texts encoded, cache kept %d, rerun recomputed %d%n",
                    reported, saved, recomputed);
            assertTrue(saved <= reported, "cache holds " + saved + " texts, child encoded only " + reported);
            assertTrue(recomputed <= batch, "recomputed " + recomputed + " texts, more than one batch of " + batch
                    + " (child reported " + reported + ", cache kept " + saved + ")");
            assertEquals(n - saved, rerun.texts.get());
        }
        CountingFakeEncoder third = new CountingFakeEncoder(0);
        try (CachedEncoder enc = new CachedEncoder(third, EmbeddingCache.open(root.resolve("cache"), third.identity()),
                new CachedEncoder.Settings(batch, Progress.quiet()))) {
            enc.encode(texts(n));
        }
        assertEquals(0, third.calls.get());
    }

    @Test
    void real_minilm_vectors_come_back_from_the_cache_unchanged() {
        List<String> texts = List.of("red retrospot lunch bag", "white hanging heart t-light holder",
                "set of 3 cake tins pantry design", "red retrospot lunch bag");
        float[][] fresh;
        try (CachedEncoder enc = new CachedEncoder(new OnnxEncoder(new OnnxEncoderConfig(OnnxModel.MINILM_Q, 1, 1)),
                EmbeddingCache.open(root, OnnxModel.MINILM_Q.identity()), CachedEncoder.Settings.DEFAULT)) {
            EmbeddingResult r = enc.embedAll(texts);
            assertEquals(3, r.stats().encoded());
            assertEquals(1, r.stats().duplicatesCollapsed());
            fresh = r.vectors();
        }
        try (CachedEncoder enc = new CachedEncoder(new OnnxEncoder(new OnnxEncoderConfig(OnnxModel.MINILM_Q, 1, 1)),
                EmbeddingCache.open(root, OnnxModel.MINILM_Q.identity()), CachedEncoder.Settings.DEFAULT)) {
            EmbeddingResult r = enc.embedAll(texts);
            assertEquals(3, r.stats().cacheHits());
            assertEquals(0, r.stats().encoderCalls());
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(fresh[i], r.vectors()[i]);
            }
        }
    }
}
