package io.cohortlm.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Progress on a text stream. On a terminal: one bar redrawn in place with {@code \r} (at most every
 * {@code redraw}), e.g. {@code embed [=========>          ] 1200/4372  27%  71.3/s  ETA 0:44}. Without one (a log
 * file, CI): a plain line every {@code logEvery}, e.g. {@code embed: 1200/4372 (27%), 71.3/s, ETA 0:44} (a
 * hand-written bar because progressbar libraries put every update on one endless line without a terminal). Either
 * way nothing is shown before {@code showAfter}, so short steps stay silent, and a step that showed something ends
 * with a summary line.
 */
public final class ConsoleProgress implements Progress {
    /**
     * When to draw.
     *
     * @param showAfter nothing is shown for steps that end sooner
     * @param redraw    least time between bar redraws on a terminal
     * @param logEvery  time between plain lines without a terminal
     */
    public record Timing(Duration showAfter, Duration redraw, Duration logEvery) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofMillis(200),
                Duration.ofSeconds(10));

        public Timing {
            Objects.requireNonNull(showAfter, "showAfter");
            Objects.requireNonNull(redraw, "redraw");
            Objects.requireNonNull(logEvery, "logEvery");
            if (logEvery.isNegative() || logEvery.isZero()) {
                throw new IllegalArgumentException("logEvery must be positive, was " + logEvery);
            }
        }
    }

    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final Timing timing;
    private final LongSupplier nanoClock;

    /**
     * @param out       where to write
     * @param terminal  true to draw a bar in place, false for plain lines
     * @param timing    when to draw
     * @param nanoClock monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass a fake)
     */
    public ConsoleProgress(PrintStream out, boolean terminal, Timing timing, LongSupplier nanoClock) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.timing = Objects.requireNonNull(timing, "timing");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public ProgressTask start(String label, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, was " + total);
        }
        return new Task(Objects.requireNonNull(label, "label"), total, nanoClock.getAsLong());
    }

    private final class Task implements ProgressTask {
        private final String label;
        private final long total;
        private final long startNanos;
        private long done;
        private long lastDrawNanos;
        private boolean shown;
        private boolean closed;

        Task(String label, long total, long startNanos) {
            this.label = label;
            this.total = total;
            this.startNanos = startNanos;
            this.lastDrawNanos = startNanos;
        }

        @Override
        public synchronized void advance(long n) {
            if (closed) {
                return;
            }
            done += n;
            long now = nanoClock.getAsLong();
            if (now - startNanos < timing.showAfter().toNanos()) {
                return;
            }
            long every = terminal ? timing.redraw().toNanos() : timing.logEvery().toNanos();
            if (!shown || now - lastDrawNanos >= every) {
                draw(now);
            }
        }

        private void draw(long now) {
            shown = true;
            lastDrawNanos = now;
            double seconds = (now - startNanos) / 1e9;
            double rate = seconds > 0 ? done / seconds : 0;
            String eta = total > 0 && rate > 0 ? clock(Math.max(0, total - done) / rate) : "?";
            if (terminal) {
                StringBuilder bar = new StringBuilder(label).append(" [");
                int filled = total > 0 ? (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total) : 0;
                bar.append("=".repeat(filled)).append(filled < BAR_WIDTH ? ">" : "")
                        .append(" ".repeat(Math.max(0, BAR_WIDTH - filled - 1))).append("] ");
                bar.append(count()).append(String.format(Locale.ROOT, "  %.1f/s  ETA %s", rate, eta));
                out.print("\r" + bar + "  ");
            } else {
                out.println(label + ": " + count() + String.format(Locale.ROOT, ", %.1f/s, ETA %s", rate, eta));
            }
            out.flush();
        }

        private String count() {
            if (total == 0) {
                return Long.toString(done);
            }
            return String.format(Locale.ROOT, "%d/%d (%d%%)", done, total, 100 * done / total);
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (!shown) {
                return;
            }
            double seconds = (nanoClock.getAsLong() - startNanos) / 1e9;
            String summary = String.format(Locale.ROOT, "%s: %d done in %s (%.1f/s)", label, done, clock(seconds),
                    seconds > 0 ? done / seconds : 0);
            out.println(terminal ? "\r" + summary + " ".repeat(BAR_WIDTH + 20) : summary);
            out.flush();
        }
    }

    /** {@code m:ss}, or {@code h:mm:ss} past an hour. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
