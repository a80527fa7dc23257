package io.cohortlm.progress;

/**
 * Reports how a long step advances. {@link #console()} draws a bar with rate and ETA on a terminal and writes
 * plain periodic lines otherwise; {@link #quiet()} reports nothing. Steps shorter than a couple of seconds show
 * nothing either way.
 */
public interface Progress {
    /**
     * Starts reporting a step.
     *
     * @param label what is being done, e.g. {@code embed}
     * @param total units to do, non-negative (0 when unknown: no percentage or ETA)
     */
    ProgressTask start(String label, long total);

    /** Reports nothing. */
    static Progress quiet() {
        return (label, total) -> new ProgressTask() {
            @Override
            public void advance(long n) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** Progress on standard error: a bar when there is a terminal ({@code System.console() != null}), lines otherwise. */
    static Progress console() {
        return new ConsoleProgress(System.err, System.console() != null, ConsoleProgress.Timing.DEFAULT,
                System::nanoTime);
    }

    /** {@link #quiet()} if {@code quiet}, else {@link #console()}: what a {@code --quiet} switch maps to. */
    static Progress console(boolean quiet) {
        return quiet ? quiet() : console();
    }
}
