package io.cohortlm.ingest;

import io.cohortlm.CohortException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens input files for readers: clear errors for missing / unreadable files, transparent gzip by magic bytes. */
public final class InputFiles {
    private InputFiles() {
    }

    /** Fails with a one-line message unless {@code file} is a readable regular file. */
    public static void requireFile(Path file, String role) {
        if (!Files.exists(file)) {
            throw new CohortException(role + " file not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new CohortException(role + " must be a file, but is a directory: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new CohortException(role + " file is not readable: " + file);
        }
    }

    /** Fails with a one-line message unless {@code dir} is an existing directory. */
    public static void requireDirectory(Path dir, String role) {
        if (!Files.exists(dir)) {
            throw new CohortException(role + " folder not found: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new CohortException(role + " must be a folder, but is a file: " + dir);
        }
    }

    /** Opens {@code file}, gunzipping it if it starts with the gzip magic bytes. */
    public static InputStream open(Path file, String role) {
        requireFile(file, role);
        try {
            BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new GZIPInputStream(in, 1 << 16);
            }
            return in;
        } catch (NoSuchFileException e) {
            throw new CohortException(role + " file not found: " + file, e);
        } catch (IOException e) {
            throw new CohortException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
