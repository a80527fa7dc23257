package io.cohortlm.store;

import io.cohortlm.CohortException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Publishes a directory of files all at once. Files are written into a hidden staging sibling
 * ({@code .NAME.staging-…}), synced, and only then renamed into place, so a half-written directory is never
 * visible under its name. Replacing an existing directory (only when asked) renames the old one to
 * {@code .NAME.old} first; if a crash happens between the two renames, {@link #recover(Path)} (called by every
 * reader) puts the old directory back, so a crash always leaves a complete old or a complete new directory.
 */
public final class AtomicDirectory implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final boolean replace;
    private boolean committed;

    private AtomicDirectory(Path target, Path staging, boolean replace) {
        this.target = target;
        this.staging = staging;
        this.replace = replace;
    }

    /**
     * Starts writing {@code target}.
     *
     * @param replace if false and {@code target} exists (and is not empty), fails with a clear error
     */
    public static AtomicDirectory begin(Path target, boolean replace) {
        Path abs = target.toAbsolutePath().normalize();
        recover(abs);
        if (Files.exists(abs) && !replace && !isEmptyDir(abs)) {
            throw new CohortException(abs + " already exists; pass --force to replace it");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new CohortException(abs + " exists and is not a directory");
        }
        try {
            Path parent = abs.getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + abs.getFileName() + ".staging-");
            return new AtomicDirectory(abs, staging, replace);
        } catch (IOException e) {
            throw new CohortException("cannot create output directory next to " + abs + ": " + e.getMessage(), e);
        }
    }

    /** Where to write files now; they become visible under the target name on {@link #commit()}. */
    public Path staging() {
        return staging;
    }

    /** Syncs every staged file and renames the staging directory into place. */
    public void commit() {
        try {
            try (Stream<Path> files = Files.walk(staging)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f)) {
                        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                            ch.force(true);
                        }
                    }
                }
            }
            Path old = oldPath(target);
            if (Files.exists(target)) {
                if (!replace && !isEmptyDir(target)) {
                    throw new CohortException(target + " appeared while writing; not replacing it");
                }
                deleteTree(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            deleteTree(old);
        } catch (IOException e) {
            throw new CohortException("cannot publish " + target + ": " + e.getMessage(), e);
        }
    }

    /** Discards the staging directory unless committed. */
    @Override
    public void close() {
        if (!committed) {
            deleteTree(staging);
        }
    }

    /** Restores {@code .NAME.old} if a crash left the target missing; removes stale staging directories. */
    public static void recover(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path old = oldPath(abs);
        try {
            if (!Files.exists(abs) && Files.isDirectory(old)) {
                Files.move(old, abs, StandardCopyOption.ATOMIC_MOVE);
            } else if (Files.exists(abs) && Files.exists(old)) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path oldPath(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".old");
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a file tree if present. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
