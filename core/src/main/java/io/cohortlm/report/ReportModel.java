package io.cohortlm.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the HTML report shows, as plain JSON-friendly data: the lead fills it from the other stages'
 * outputs and {@link HtmlReport} embeds it as JSON that the page's own script renders. Every string is shown as
 * text, never interpreted as HTML, so names written by a language model are safe. Numbers that do not apply
 * are null (non-finite numbers are written as null too).
 *
 * @param title       report title
 * @param subtitle    one line under the title (e.g. the data source), may be empty
 * @param generatedAt ISO-8601 instant shown in the header
 * @param dataset     counts shown in the header
 * @param segments    one card per segment, in display order (outliers, id -1, usually last)
 * @param map         the sampled 2-D map
 * @param propensity  propensity metrics, importance and calibration; null to omit the section
 * @param manifest    the run manifest (any JSON-friendly map), shown collapsed
 */
public record ReportModel(String title, String subtitle, String generatedAt, DatasetSummary dataset,
        List<Segment> segments, MapData map, PropensitySection propensity, Map<String, Object> manifest) {
    public ReportModel {
        Objects.requireNonNull(title, "title");
        subtitle = subtitle == null ? "" : subtitle;
        Objects.requireNonNull(dataset, "dataset");
        segments = List.copyOf(segments);
        Objects.requireNonNull(map, "map");
        manifest = manifest == null ? Map.of() : manifest;
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (Segment s : segments) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("segments must have distinct ids, " + s.id() + " repeats");
            }
        }
        for (int i = 0; i < map.segment().length; i++) {
            if (!ids.contains(map.segment()[i])) {
                throw new IllegalArgumentException("map.segment[" + i + "] must be a listed segment id, was " + map.segment()[i]);
            }
        }
    }

    /** @param name source name; {@code users}, {@code items}, {@code events} counts */
    public record DatasetSummary(String name, long users, long items, long events) {
    }

    /**
     * One segment's card.
     *
     * @param id           segment id (-1 = outliers)
     * @param name         short name (e.g. from an LLM; shown as text)
     * @param description  a sentence or two, may be empty
     * @param size         users in the segment
     * @param share        size / all users, in [0, 1]
     * @param features     distinguishing features with lift, strongest first
     * @param keywords     keywords of the segment's texts
     * @param topItems     most characteristic items
     * @param rules        rules in words (e.g. from a surrogate tree)
     * @param propensities predicted behaviour against the population
     * @param phrases      short tags (e.g. "likely to lapse")
     */
    public record Segment(int id, String name, String description, long size, double share, List<Feature> features,
            List<String> keywords, List<Item> topItems, List<String> rules, List<Propensity> propensities,
            List<String> phrases) {
        public Segment {
            Objects.requireNonNull(name, "name");
            description = description == null ? "" : description;
            if (size < 0) {
                throw new IllegalArgumentException("size must be ≥ 0, was " + size);
            }
            features = features == null ? List.of() : List.copyOf(features);
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
            topItems = topItems == null ? List.of() : List.copyOf(topItems);
            rules = rules == null ? List.of() : List.copyOf(rules);
            propensities = propensities == null ? List.of() : List.copyOf(propensities);
            phrases = phrases == null ? List.of() : List.copyOf(phrases);
        }
    }

    /**
     * @param name  feature (e.g. {@code city = Lyon}, {@code buys: candles})
     * @param value the segment's value as display text (e.g. "42%"), may be empty
     * @param lift  segment rate / population rate, null if not a rate
     */
    public record Feature(String name, String value, Double lift) {
    }

    /** @param title item title; {@code share} share of the segment's users who had it, or null */
    public record Item(String title, Double share) {
    }

    /**
     * @param label      e.g. "P(active next 30 days)"
     * @param segment    the segment's mean probability
     * @param population the population's mean probability
     */
    public record Propensity(String label, Double segment, Double population) {
    }

    /**
     * The map, already sampled (see {@link MapData#sample}). Parallel arrays.
     *
     * @param x           horizontal coordinates
     * @param y           vertical coordinates
     * @param segment     segment id of each point
     * @param totalUsers  users before sampling
     */
    public record MapData(float[] x, float[] y, int[] segment, long totalUsers) {
        public MapData {
            if (x.length != y.length || x.length != segment.length) {
                throw new IllegalArgumentException("map arrays must have equal lengths, were x " + x.length + ", y "
                        + y.length + ", segment " + segment.length);
            }
        }

        /** Points shown. */
        public int size() {
            return x.length;
        }

        /**
         * A seeded sample of at most {@code maxPoints} users (at most one per segment more when segments outnumber
         * {@code maxPoints}), stratified by segment so that every segment keeps at least min(size, 20,
         * maxPoints / segments) points and the rest are shared proportionally; points keep input order.
         *
         * @param xy       n × 2 coordinates (e.g. {@code Tsne.Layout.xy()})
         * @param segments segment id of each user
         */
        public static MapData sample(float[][] xy, int[] segments, int maxPoints, long seed) {
            return MapSampler.sample(xy, segments, maxPoints, seed);
        }
    }

    /**
     * @param horizonDays label period length
     * @param metrics     rows of the metrics table (overall rows first)
     * @param importance  permutation importance per target
     * @param calibration reliability bins per binary target (overall)
     * @param notes       short sentences shown under the table (e.g. the split)
     */
    public record PropensitySection(double horizonDays, List<MetricRow> metrics, List<Importance> importance,
            List<Reliability> calibration, List<String> notes) {
        public PropensitySection {
            metrics = List.copyOf(metrics);
            importance = List.copyOf(importance);
            calibration = List.copyOf(calibration);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }
    }

    /**
     * One row of the metrics table; null where a metric does not apply or is undefined.
     *
     * @param target   e.g. "P(active)", "next category"
     * @param scope    "all users" or a segment name
     * @param n        held-out users scored
     * @param baseRate positive share (binary targets)
     */
    public record MetricRow(String target, String scope, long n, Double baseRate, Double rocAuc, Double accuracy,
            Double precision, Double recall, Double f1, Double logLoss, Double brier, Double ece, Double top1,
            Double top3) {
    }

    /** @param target target name; {@code groups} feature groups, most important first */
    public record Importance(String target, List<ImportanceEntry> groups) {
    }

    /** @param group feature group; {@code lossIncrease} log-loss increase when permuted; {@code sd} over repeats */
    public record ImportanceEntry(String group, double lossIncrease, double sd) {
    }

    /** @param target target name; {@code bins} reliability bins (empty bins included, with null means) */
    public record Reliability(String target, double ece, List<ReliabilityBin> bins) {
    }

    /** @param lower bin lower edge; {@code upper} upper edge; {@code count} rows; means null when empty */
    public record ReliabilityBin(double lower, double upper, long count, Double meanPredicted, Double observedRate) {
    }
}
