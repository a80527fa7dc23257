package io.cohortlm.progress;

/** One step being reported, e.g. "embed 4,372 texts". Thread-safe. Close when the step ends. */
public interface ProgressTask extends AutoCloseable {
    /** Records {@code n} more units done. */
    void advance(long n);

    /** Ends the step (prints a final line if anything was shown). */
    @Override
    void close();
}
