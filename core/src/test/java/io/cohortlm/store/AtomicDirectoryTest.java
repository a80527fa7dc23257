package io.cohortlm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.CohortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void files_become_visible_only_on_commit() throws Exception {
        Path target = tmp.resolve("model");
        try (AtomicDirectory dir = AtomicDirectory.begin(target, false)) {
            Files.writeString(dir.staging().resolve("a.txt"), "A");
            assertFalse(Files.exists(target), "nothing visible before commit");
            dir.commit();
        }
        assertEquals("A", Files.readString(target.resolve("a.txt")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no staging or old directories left behind");
        }
    }

    @Test
    void an_abandoned_write_leaves_the_old_directory_intact() throws Exception {
        Path target = tmp.resolve("model");
        try (AtomicDirectory dir = AtomicDirectory.begin(target, false)) {
            Files.writeString(dir.staging().resolve("a.txt"), "old");
            dir.commit();
        }
        try (AtomicDirectory dir = AtomicDirectory.begin(target, true)) {
            Files.writeString(dir.staging().resolve("a.txt"), "half-writ");
            // no commit: simulates a failure mid-write
        }
        assertEquals("old", Files.readString(target.resolve("a.txt")));
    }

    @Test
    void existing_directory_is_replaced_only_when_asked() throws Exception {
        Path target = tmp.resolve("model");
        Files.createDirectories(target);
        Files.writeString(target.resolve("x"), "1");
        CohortException e = assertThrows(CohortException.class, () -> AtomicDirectory.begin(target, false));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        try (AtomicDirectory dir = AtomicDirectory.begin(target, true)) {
            Files.writeString(dir.staging().resolve("y"), "2");
            dir.commit();
        }
        assertFalse(Files.exists(target.resolve("x")));
        assertEquals("2", Files.readString(target.resolve("y")));
    }

    @Test
    void crash_between_renames_is_recovered_to_the_old_directory() throws Exception {
        Path target = tmp.resolve("model");
        Path old = AtomicDirectory.oldPath(target);
        Files.createDirectories(old);
        Files.writeString(old.resolve("a.txt"), "old");
        AtomicDirectory.recover(target);
        assertEquals("old", Files.readString(target.resolve("a.txt")));
        assertFalse(Files.exists(old));
    }

    @Test
    void float_matrix_round_trips_and_truncation_is_detected() throws Exception {
        float[][] m = {{1, 2, 3}, {4.5f, -6, Float.MIN_VALUE}};
        Path f = tmp.resolve("m.f32");
        FloatMatrixFile.write(f, m, 3);
        float[][] back = FloatMatrixFile.read(f);
        assertArrayEquals(m[0], back[0]);
        assertArrayEquals(m[1], back[1]);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 2));
        CohortException e = assertThrows(CohortException.class, () -> FloatMatrixFile.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
