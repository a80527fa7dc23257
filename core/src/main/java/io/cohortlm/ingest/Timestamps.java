package io.cohortlm.ingest;

import io.cohortlm.CohortException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Parses timestamps to epoch seconds by a declared format: {@code auto}, {@code epoch_seconds},
 * {@code epoch_millis}, {@code iso} (instant, offset or local date-time, or a date) or a java.time pattern.
 * Local times are read in the given zone (default UTC). Immutable and thread-safe.
 */
final class Timestamps {
    private final String format;
    private final ZoneId zone;
    private final DateTimeFormatter pattern;

    private Timestamps(String format, ZoneId zone, DateTimeFormatter pattern) {
        this.format = format;
        this.zone = zone;
        this.pattern = pattern;
    }

    /** A parser for {@code format} (null = auto) in {@code zone} (null = UTC); {@code file} names errors. */
    static Timestamps of(String format, String zone, String file) {
        String f = format == null ? "auto" : format.strip();
        ZoneId z = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        DateTimeFormatter p = null;
        switch (f.toLowerCase(Locale.ROOT)) {
            case "auto", "epoch_seconds", "epoch_millis", "iso" -> f = f.toLowerCase(Locale.ROOT);
            default -> {
                try {
                    p = DateTimeFormatter.ofPattern(f, Locale.ROOT).withResolverStyle(ResolverStyle.SMART);
                } catch (IllegalArgumentException e) {
                    throw new CohortException(file + ": timestamp_format '" + f + "' is neither auto, epoch_seconds, "
                            + "epoch_millis, iso nor a valid java.time pattern: " + e.getMessage());
                }
            }
        }
        return new Timestamps(f, z, p);
    }

    /** Epoch seconds of {@code s}; throws {@link BadValue} naming the value and expected format. */
    long parse(String s) {
        String v = s.strip();
        try {
            if (pattern != null) {
                return toEpoch(pattern.parse(v));
            }
            switch (format) {
                case "epoch_seconds" -> {
                    return (long) Math.floor(number(v));
                }
                case "epoch_millis" -> {
                    return Math.floorDiv((long) number(v), 1000L);
                }
                case "iso" -> {
                    return iso(v);
                }
                default -> {
                    if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        long n = Long.parseLong(v);
                        return n >= 100_000_000_000L ? Math.floorDiv(n, 1000L) : n;
                    }
                    return iso(v);
                }
            }
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            throw new BadValue("bad timestamp '" + s + "' (expected " + format + ")");
        }
    }

    private double number(String v) {
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d)) {
            throw new NumberFormatException(v);
        }
        return d;
    }

    private long iso(String v) {
        if (v.length() <= 10) {
            return LocalDate.parse(v).atStartOfDay(zone).toEpochSecond();
        }
        if (v.endsWith("Z") || v.endsWith("z")) {
            return Instant.parse(v.replace(' ', 'T')).getEpochSecond();
        }
        String t = v.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toEpochSecond();
        } catch (DateTimeException e) {
            return LocalDateTime.parse(t).atZone(zone).toEpochSecond();
        }
    }

    private long toEpoch(TemporalAccessor t) {
        if (t.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(t).toEpochSecond();
        }
        if (t.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
            return ZonedDateTime.of(LocalDateTime.from(t), zone).toEpochSecond();
        }
        return LocalDate.from(t).atStartOfDay(zone).toEpochSecond();
    }
}
