package io.cohortlm.ingest;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.AttributeTable;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import io.cohortlm.CohortException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The generic reader for csv, tsv and JSON Lines files, driven by a {@link MappingSpec}. Reads users, then items,
 * then events. When a users (items) file is given, events naming a user (item) not in it are bad rows;
 * otherwise users and items are created from the events. Duplicate ids, bad numbers and bad timestamps are bad
 * rows; missing columns, a wrong delimiter, an unknown encoding or invalid bytes stop the run.
 */
public final class MappedReader implements DataSource {
    /** The file syntax. */
    public enum Format { CSV, TSV, JSONL }

    /** Conventional events columns used when no mapping is given; type, value, price, timestamp optional. */
    static final MappingSpec.EventsTable DEFAULT_EVENTS = new MappingSpec.EventsTable(null, "user_id", "item_id",
            "type", null, null, "value", "price", "timestamp");

    private final Format format;
    private final MappingSpec spec;
    private final Path base;
    private final Path eventsFile;
    private final boolean conventional;

    private MappedReader(Format format, MappingSpec spec, Path base, Path eventsFile, boolean conventional) {
        this.format = format;
        this.spec = spec;
        this.base = base;
        this.eventsFile = eventsFile;
        this.conventional = conventional;
    }

    /**
     * A reader for {@code location}: a mapping file ({@code .yaml}, {@code .yml}, {@code .json}); or an events
     * file, read with {@code mapping} when given (the location overrides the mapping's events file) or by the
     * conventional columns {@code user_id, item_id[, type, value, price, timestamp]} when not.
     */
    public static MappedReader open(Format format, Path location, Path mapping) {
        String n = location.getFileName() == null ? "" : location.getFileName().toString().toLowerCase(Locale.ROOT);
        if (mapping == null && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"))) {
            mapping = location;
            location = null;
        }
        if (mapping != null) {
            MappingSpec spec = MappingSpec.load(mapping);
            Path base = mapping.toAbsolutePath().getParent();
            Path events = location != null ? location : spec.events().file() != null
                    ? base.resolve(spec.events().file()) : null;
            if (events == null) {
                throw new CohortException(mapping + ": events.file is not set and no events file was given");
            }
            return new MappedReader(format, spec, base, events, false);
        }
        MappingSpec spec = new MappingSpec(null, null, null, null, null, null, null, null, DEFAULT_EVENTS);
        return new MappedReader(format, spec, location.toAbsolutePath().getParent(), location, true);
    }

    @Override
    public IngestResult read(IngestOptions options) {
        InputFiles.requireFile(eventsFile, "events");
        Run run = new Run(options);
        try (BadRows bad = new BadRows(options)) {
            run.bad = bad;
            if (spec.users() != null) {
                run.table(spec.users(), run.users, "user");
            }
            if (spec.items() != null) {
                run.table(spec.items(), run.items, "item");
            }
            run.events();
            run.users.seal();
            run.items.seal();
            run.events.trim();
            String name = spec.name() != null ? spec.name() : stem(eventsFile);
            IngestSummary s = IngestSummary.of(format.name().toLowerCase(Locale.ROOT) + ":" + eventsFile, run.files,
                    run.users.size(), run.items.size(), run.events.size(), Map.of());
            return new IngestResult(new Dataset(name, run.users, run.items, run.events), s);
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** State of one read. */
    private final class Run {
        final IngestOptions options;
        final Users users = new Users();
        final Items items = new Items();
        final Events events = new Events(1 << 12);
        final List<FileCounts> files = new ArrayList<>();
        final Timestamps times;
        final char delimiter;
        final Character quote;
        BadRows bad;

        Run(IngestOptions options) {
            this.options = options;
            this.times = Timestamps.of(spec.timestampFormat(), spec.timeZone(), "mapping");
            this.delimiter = spec.delimiterChar(format == Format.TSV ? '\t' : ',');
            this.quote = spec.quoteChar(format == Format.CSV ? Character.valueOf('"') : null);
        }

        MappedRows open(Path p) {
            String name = p.getFileName().toString();
            return format == Format.JSONL ? MappedRows.jsonLines(p, name, spec.charset(), options.maxLineBytes())
                    : MappedRows.delimited(p, name, spec.charset(), delimiter, quote, options.maxLineBytes());
        }

        void table(MappingSpec.Table t, AttributeTable table, String what) {
            Path p = base.resolve(t.file());
            InputFiles.requireFile(p, what + "s");
            List<MappingSpec.Attribute> attrs = t.attributes();
            AttributeColumn[] cols = new AttributeColumn[attrs.size()];
            for (int i = 0; i < cols.length; i++) {
                MappingSpec.Attribute a = attrs.get(i);
                cols[i] = table.declare(new AttributeSpec(a.attributeName(), AttributeKind.parse(a.kind()),
                        Boolean.TRUE.equals(a.personal())));
            }
            String sep = t.categorySeparator() == null ? "|" : t.categorySeparator();
            long[] firstLine = new long[16];
            try (MappedRows rows = open(p)) {
                String key = what + "s";
                rows.requireColumn(t.id(), key + ".id", delimiter);
                rows.requireColumn(t.title(), key + ".title", delimiter);
                rows.requireColumn(t.text(), key + ".text", delimiter);
                rows.requireColumn(t.categories(), key + ".categories", delimiter);
                for (MappingSpec.Attribute a : attrs) {
                    rows.requireColumn(a.column(), key + ".attributes", delimiter);
                }
                FileTally tally = new FileTally(p.getFileName().toString());
                for (MappedRows.Row r = rows.next(); r != null; r = rows.next()) {
                    tally.read();
                    if (r.blank()) {
                        tally.exclude("blank_line");
                        continue;
                    }
                    try {
                        if (!r.ok()) {
                            throw new BadValue(r.error());
                        }
                        String id = r.get(t.id());
                        if (id == null) {
                            throw new BadValue("empty " + what + " id (column '" + t.id() + "')");
                        }
                        int existing = table.ids().indexOf(id);
                        if (existing >= 0) {
                            throw new BadValue("duplicate " + what + " id '" + id + "' (first on line "
                                    + firstLine[existing] + ")");
                        }
                        Object[] values = new Object[cols.length];
                        for (int i = 0; i < cols.length; i++) {
                            values[i] = value(cols[i].kind(), r.get(attrs.get(i).column()), attrs.get(i).column());
                        }
                        int row = table.addRow(id);
                        if (row >= firstLine.length) {
                            firstLine = Arrays.copyOf(firstLine, firstLine.length * 2);
                        }
                        firstLine[row] = r.line();
                        for (int i = 0; i < cols.length; i++) {
                            set(cols[i], row, values[i]);
                        }
                        if (table instanceof Items it) {
                            it.setTitle(row, r.get(t.title()));
                            it.setText(row, r.get(t.text()));
                            if (t.categories() != null) {
                                it.setCategories(row, r.list(t.categories(), sep));
                            }
                        }
                        tally.accept();
                    } catch (BadValue e) {
                        bad.reject(tally, r.line(), r.raw(), e.getMessage());
                    }
                }
                if (tally.rowsRead() == 0 && rows.columns() == null) {
                    throw new CohortException(p.getFileName() + ": file is empty");
                }
                files.add(tally.counts());
            }
        }

        void events() {
            MappingSpec.EventsTable e = spec.events();
            boolean knownUsers = spec.users() != null;
            boolean knownItems = spec.items() != null;
            try (MappedRows rows = open(eventsFile)) {
                String typeCol = e.type();
                String valueCol = e.value();
                String priceCol = e.price();
                String timeCol = e.timestamp();
                rows.requireColumn(e.user(), "events.user", delimiter);
                rows.requireColumn(e.item(), "events.item", delimiter);
                if (conventional && rows.columns() != null) {
                    typeCol = rows.columns().contains(typeCol) ? typeCol : null;
                    valueCol = rows.columns().contains(valueCol) ? valueCol : null;
                    priceCol = rows.columns().contains(priceCol) ? priceCol : null;
                    timeCol = rows.columns().contains(timeCol) ? timeCol : null;
                }
                rows.requireColumn(typeCol, "events.type", delimiter);
                rows.requireColumn(valueCol, "events.value", delimiter);
                rows.requireColumn(priceCol, "events.price", delimiter);
                rows.requireColumn(timeCol, "events.timestamp", delimiter);
                String defaultType = e.defaultType() == null ? "interaction" : e.defaultType();
                FileTally tally = new FileTally(eventsFile.getFileName().toString());
                for (MappedRows.Row r = rows.next(); r != null; r = rows.next()) {
                    tally.read();
                    if (r.blank()) {
                        tally.exclude("blank_line");
                        continue;
                    }
                    try {
                        if (!r.ok()) {
                            throw new BadValue(r.error());
                        }
                        String uid = require(r, e.user(), "user id");
                        String iid = require(r, e.item(), "item id");
                        int u = knownUsers ? users.ids().indexOf(uid) : -2;
                        if (u == -1) {
                            throw new BadValue("unknown user '" + uid + "' (not in " + spec.users().file() + ")");
                        }
                        int i = knownItems ? items.ids().indexOf(iid) : -2;
                        if (i == -1) {
                            throw new BadValue("unknown item '" + iid + "' (not in " + spec.items().file() + ")");
                        }
                        String type = type(r, typeCol, e.typeValues(), defaultType);
                        float value = (float) number(r.get(valueCol), valueCol);
                        float price = (float) number(r.get(priceCol), priceCol);
                        String ts = timeCol == null ? null : r.get(timeCol);
                        long time = ts == null ? Events.NO_TIME : times.parse(ts);
                        byte code = typeCode(type);
                        u = u == -2 ? users.addRow(uid) : u;
                        i = i == -2 ? items.addRow(iid) : i;
                        events.add(u, i, code, value, price, time);
                        tally.accept();
                    } catch (BadValue ex) {
                        bad.reject(tally, r.line(), r.raw(), ex.getMessage());
                    }
                }
                if (tally.rowsRead() == 0 && rows.columns() == null) {
                    throw new CohortException(eventsFile.getFileName() + ": file is empty");
                }
                files.add(tally.counts());
            }
        }

        private byte typeCode(String type) {
            try {
                return events.types().code(type);
            } catch (IllegalStateException ex) {
                throw new CohortException(eventsFile.getFileName() + ": more than 127 distinct event types; map "
                        + "them onto fewer with events.type_values");
            }
        }

        private String type(MappedRows.Row r, String col, Map<String, String> mapped, String fallback) {
            if (col == null) {
                return fallback;
            }
            String v = r.get(col);
            if (v == null && conventional) {
                return fallback;
            }
            if (v == null) {
                throw new BadValue("empty event type (column '" + col + "')");
            }
            if (mapped.isEmpty()) {
                return v;
            }
            String t = mapped.get(v);
            if (t == null) {
                throw new BadValue("event type '" + v + "' is not in events.type_values " + mapped.keySet());
            }
            return t;
        }

        private String require(MappedRows.Row r, String col, String what) {
            String v = r.get(col);
            if (v == null) {
                throw new BadValue("empty " + what + " (column '" + col + "')");
            }
            return v;
        }
    }

    private static Object value(AttributeKind kind, String raw, String column) {
        if (raw == null) {
            return null;
        }
        return kind == AttributeKind.NUMERIC ? (Object) number(raw, column) : raw;
    }

    private static void set(AttributeColumn c, int row, Object v) {
        switch (c.kind()) {
            case NUMERIC -> c.setNumber(row, v == null ? Double.NaN : (Double) v);
            case CATEGORICAL -> c.setLevel(row, (String) v);
            case TEXT -> c.setText(row, (String) v);
            default -> throw new IllegalStateException();
        }
    }

    /** A finite number, NaN when {@code raw} is null; a bad row otherwise. */
    static double number(String raw, String column) {
        if (raw == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(raw);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadValue("bad number '" + raw + "' in column '" + Objects.toString(column) + "'");
    }
}
