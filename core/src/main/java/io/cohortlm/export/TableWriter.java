package io.cohortlm.export;

import java.io.IOException;
import java.nio.file.Path;

/** Writes one {@link ExportTable} to a file in one format. Implementations are stateless and thread-safe. */
public interface TableWriter {
    /** File extension without the dot, e.g. {@code csv}. */
    String extension();

    /** Writes {@code table} to {@code file}, replacing it. */
    void write(ExportTable table, Path file) throws IOException;
}
