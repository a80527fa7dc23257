package io.cohortlm.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.CohortException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    private static final EncoderIdentity ID = CountingFakeEncoder.IDENTITY;

    @TempDir
    Path root;

    private static List<String> texts(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add("text number " + i);
        }
        return t;
    }

    private static void put(EmbeddingCache c, List<String> texts) {
        c.putAll(texts.stream().map(c::keyOf).toList(), texts.stream().map(CountingFakeEncoder::vectorOf).toList());
    }

    private Path onlySegment() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> segs = s.filter(p -> p.toString().endsWith(".vec")).toList();
            assertEquals(1, segs.size());
            return segs.get(0);
        }
    }

    @Test
    void vectors_survive_reopening() {
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            put(c, texts(10));
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            assertEquals(10, c.size());
            for (String t : texts(10)) {
                assertArrayEquals(CountingFakeEncoder.vectorOf(t), c.get(c.keyOf(t)));
            }
            assertNull(c.get(c.keyOf("never stored")));
        }
    }

    @Test
    void a_torn_last_record_is_dropped_and_the_rest_kept() throws Exception {
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            put(c, texts(5));
        }
        Path seg = onlySegment();
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(f.length() - 7); // as if killed in the middle of writing the fifth record
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            assertEquals(4, c.size());
            assertEquals(1, c.droppedRecords());
            assertFalse(c.contains(c.keyOf("text number 4")));
            assertArrayEquals(CountingFakeEncoder.vectorOf("text number 3"), c.get(c.keyOf("text number 3")));
        }
    }

    @Test
    void a_record_with_a_bad_checksum_is_dropped() throws Exception {
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            put(c, texts(3));
        }
        Path seg = onlySegment();
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            long recordBytes = f.length() / 3;
            f.seek(2 * recordBytes + 30); // inside the third record's vector
            f.write(0x7f);
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            assertEquals(2, c.size());
            assertFalse(c.contains(c.keyOf("text number 2")));
        }
    }

    @Test
    void a_new_session_appends_a_new_segment_and_reads_old_ones() {
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            put(c, texts(3));
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            put(c, texts(6)); // three already there: skipped
        }
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            assertEquals(6, c.size());
            assertArrayEquals(CountingFakeEncoder.vectorOf("text number 5"), c.get(c.keyOf("text number 5")));
        }
    }

    @Test
    void keys_depend_on_the_encoder_identity() {
        EncoderIdentity other = new EncoderIdentity("fake", "fedcba9876543210", 8, "mean", true);
        try (EmbeddingCache a = EmbeddingCache.open(root, ID); EmbeddingCache b = EmbeddingCache.open(root, other)) {
            assertFalse(a.keyOf("same text").equals(b.keyOf("same text")));
            put(a, texts(2));
            assertEquals(0, b.size());
        }
    }

    @Test
    void a_second_open_of_the_same_cache_is_refused() {
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            CohortException e = assertThrows(CohortException.class, () -> EmbeddingCache.open(root, ID));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void a_vector_of_the_wrong_length_is_rejected() {
        try (EmbeddingCache c = EmbeddingCache.open(root, ID)) {
            assertThrows(IllegalArgumentException.class,
                    () -> c.putAll(List.of(c.keyOf("x")), List.of(new float[3])));
        }
    }
}
