package io.cohortlm.ingest;

import io.cohortlm.CohortException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The registry of data formats: a source is named {@code <format>:<location>} (e.g.
 * {@code online-retail:data/online_retail.csv.gz}) and each format maps to a factory. Register more with
 * {@code sources.register("synthetic", SyntheticSource::new)}. Not thread-safe while registering.
 */
public final class DataSources {
    /** Makes a source from the part after {@code <format>:}. */
    @FunctionalInterface
    public interface Factory {
        DataSource open(String location, IngestOptions options);
    }

    private final Map<String, Factory> factories = new LinkedHashMap<>();

    /** A registry with no formats. */
    public DataSources() {
    }

    /** csv, tsv, jsonl, movielens, online-retail, dataset and synthetic. */
    public static DataSources standard() {
        return new DataSources()
                .register("csv", (loc, o) -> MappedReader.open(MappedReader.Format.CSV, Path.of(loc), o.mapping()))
                .register("tsv", (loc, o) -> MappedReader.open(MappedReader.Format.TSV, Path.of(loc), o.mapping()))
                .register("jsonl", (loc, o) -> MappedReader.open(MappedReader.Format.JSONL, Path.of(loc),
                        o.mapping()))
                .register("movielens", (loc, o) -> new MovieLensReader(Path.of(noMapping("movielens", loc, o))))
                .register("online-retail", (loc, o) -> new OnlineRetailReader(Path.of(noMapping("online-retail", loc,
                        o))))
                .register("dataset", (loc, o) -> new StoredDatasetReader(Path.of(noMapping("dataset", loc, o))))
                .register("synthetic", (loc, o) -> new io.cohortlm.synth.SyntheticSource(noMapping("synthetic", loc, o)));
    }

    /** Fixed-layout formats take no mapping file: say so rather than ignore it. */
    private static String noMapping(String format, String location, IngestOptions options) {
        if (options.mapping() != null) {
            throw new CohortException("a mapping file applies to csv, tsv and jsonl only, not to " + format
                    + " (got " + options.mapping() + ")");
        }
        return location;
    }

    /** Adds (or replaces) a format; returns this. */
    public DataSources register(String format, Factory factory) {
        Objects.requireNonNull(factory, "factory");
        if (format == null || !format.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("format must match [a-z0-9][a-z0-9-]*, was '" + format + "'");
        }
        factories.put(format, factory);
        return this;
    }

    /** Registered format names, in registration order. */
    public Set<String> formats() {
        return java.util.Collections.unmodifiableSet(factories.keySet());
    }

    /**
     * Opens {@code <format>:<location>}.
     *
     * @throws CohortException if the spec has no format, or the format is unknown (the message lists the known)
     */
    public DataSource open(String spec, IngestOptions options) {
        int colon = spec == null ? -1 : spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new CohortException("data source must be <format>:<path> with format one of " + factories.keySet()
                    + ", was '" + spec + "'");
        }
        String format = spec.substring(0, colon);
        Factory f = factories.get(format);
        if (f == null) {
            throw new CohortException("unknown data format '" + format + "' in '" + spec + "'; known formats: "
                    + String.join(", ", factories.keySet()));
        }
        return f.open(spec.substring(colon + 1), options);
    }

    /** Opens and reads {@code spec}; the summary's source is the spec. */
    public IngestResult ingest(String spec, IngestOptions options) {
        IngestResult r = open(spec, options).read(options);
        IngestSummary s = r.summary();
        IngestSummary named = new IngestSummary(spec, s.rowsRead(), s.accepted(), s.excluded(), s.rejected(),
                s.users(), s.items(), s.events(), s.files(), s.details());
        return new IngestResult(r.dataset(), named, r.truth());
    }
}
