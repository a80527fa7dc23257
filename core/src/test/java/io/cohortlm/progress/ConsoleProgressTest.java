package io.cohortlm.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();

    private Progress progress(boolean terminal) {
        return new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal,
                ConsoleProgress.Timing.DEFAULT, nanos::get);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void at(double seconds) {
        nanos.set((long) (seconds * 1e9));
    }

    @Test
    void without_a_terminal_writes_a_plain_line_every_ten_seconds_with_rate_and_eta() {
        try (ProgressTask t = progress(false).start("embed", 1000)) {
            at(1);
            t.advance(100); // before showAfter: silent
            at(4);
            t.advance(100); // 200 done in 4 s: 50/s, 800 left: 16 s
            at(8);
            t.advance(100); // within 10 s of the last line: silent
            at(14);
            t.advance(300); // 600 in 14 s
            at(20);
        }
        List<String> lines = output().lines().toList();
        assertEquals(List.of("embed: 200/1000 (20%), 50.0/s, ETA 0:16", "embed: 600/1000 (60%), 42.9/s, ETA 0:09",
                "embed: 600 done in 0:20 (30.0/s)"), lines);
        assertFalse(output().contains("\r"));
    }

    @Test
    void on_a_terminal_redraws_one_bar_in_place() {
        try (ProgressTask t = progress(true).start("embed", 100)) {
            at(3);
            t.advance(50);
            at(3.1); // sooner than the redraw interval: not drawn
            t.advance(10);
            at(3.5);
            t.advance(10);
        }
        String out = output();
        assertTrue(out.startsWith("\rembed [===============>              ] 50/100 (50%)  16.7/s  ETA 0:03"), out);
        assertEquals(3, out.chars().filter(c -> c == '\r').count(), out);
        assertTrue(out.contains("70/100 (70%)"), out);
    }

    @Test
    void short_steps_and_quiet_mode_show_nothing() {
        try (ProgressTask t = progress(false).start("embed", 10)) {
            at(1.5);
            t.advance(10);
        }
        try (ProgressTask t = Progress.quiet().start("embed", 10)) {
            t.advance(10);
        }
        assertEquals("", output());
    }

    @Test
    void clock_formats_minutes_and_hours() {
        assertEquals("0:05", ConsoleProgress.clock(4.6));
        assertEquals("2:00", ConsoleProgress.clock(120));
        assertEquals("1:01:01", ConsoleProgress.clock(3661));
    }
}
