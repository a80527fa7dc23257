package io.cohortlm.ingest;

import io.cohortlm.CohortException;
import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.EventTypes;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads a MovieLens folder in the published 100K layout ({@code u.data}, {@code u.user}, {@code u.item}; tab and
 * {@code |} separated) or 1M layout ({@code ratings.dat}, {@code users.dat}, {@code movies.dat};
 * {@code ::}-separated), all ISO-8859-1. Users get {@code age} (numeric; in 1M the age-group code), {@code gender}
 * and {@code occupation} (categorical) and {@code zip} (categorical, personal); movies get their title and genres
 * as categories; ratings become {@code rating} events with the stars as value and the Unix time. Ratings of
 * users or movies missing from their tables, duplicate ids and malformed lines are bad rows.
 */
public final class MovieLensReader implements DataSource {
    /** The 19 genres of the 100K {@code u.item} flags, in column order (used when {@code u.genre} is absent). */
    static final List<String> GENRES_100K = List.of("unknown", "Action", "Adventure", "Animation", "Children's",
            "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
            "Romance", "Sci-Fi", "Thriller", "War", "Western");
    /** Occupation codes of the 1M {@code users.dat} (its README). */
    static final List<String> OCCUPATIONS_1M = List.of("other", "academic/educator", "artist", "clerical/admin",
            "college/grad student", "customer service", "doctor/health care", "executive/managerial", "farmer",
            "homemaker", "K-12 student", "lawyer", "programmer", "retired", "sales/marketing", "scientist",
            "self-employed", "technician/engineer", "tradesman/craftsman", "unemployed", "writer");

    private final Path dir;

    public MovieLensReader(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    @Override
    public IngestResult read(IngestOptions options) {
        InputFiles.requireDirectory(dir, "movielens");
        try (BadRows bad = new BadRows(options)) {
            if (Files.exists(dir.resolve("u.data"))) {
                return new Layout(options, bad, "\t", "|", "movielens-100k").read100k();
            }
            if (Files.exists(dir.resolve("ratings.dat"))) {
                return new Layout(options, bad, "::", "::", "movielens-1m").read1m();
            }
            throw new CohortException("movielens folder " + dir + " has neither u.data (100K layout) nor ratings.dat "
                    + "(1M layout); it contains: " + listing());
        }
    }

    private String listing() {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().limit(20).toList();
            return names.isEmpty() ? "nothing" : String.join(", ", names);
        } catch (IOException e) {
            return "(unlistable: " + e.getMessage() + ")";
        }
    }

    /** One read of one layout. */
    private final class Layout {
        private final IngestOptions options;
        private final BadRows bad;
        private final String ratingSep;
        private final String tableSep;
        private final String name;
        private final Users users = new Users();
        private final Items items = new Items();
        private final Events events = new Events(1 << 16);
        private final List<FileCounts> files = new ArrayList<>();

        Layout(IngestOptions options, BadRows bad, String ratingSep, String tableSep, String name) {
            this.options = options;
            this.bad = bad;
            this.ratingSep = ratingSep;
            this.tableSep = tableSep;
            this.name = name;
        }

        IngestResult read100k() {
            List<String> genres = genres100k();
            AttributeColumn age = users.declare(new AttributeSpec("age", AttributeKind.NUMERIC, false));
            AttributeColumn gender = users.declare(new AttributeSpec("gender", AttributeKind.CATEGORICAL, false));
            AttributeColumn occ = users.declare(new AttributeSpec("occupation", AttributeKind.CATEGORICAL, false));
            AttributeColumn zip = users.declare(new AttributeSpec("zip", AttributeKind.CATEGORICAL, true));
            lines("u.user", tableSep, 5, (t, f) -> {
                double years = number(f[1], "age");
                int u = addUnique(users, t, f[0], "user");
                age.setNumber(u, years);
                gender.setLevel(u, f[2].strip());
                occ.setLevel(u, f[3].strip());
                zip.setLevel(u, f[4].strip());
                return null;
            });
            lines("u.item", tableSep, 5 + genres.size(), (t, f) -> {
                int i = addUnique(items, t, f[0], "movie");
                items.setTitle(i, f[1].strip());
                List<String> cats = new ArrayList<>();
                for (int g = 0; g < genres.size(); g++) {
                    if (f[5 + g].strip().equals("1")) {
                        cats.add(genres.get(g));
                    }
                }
                items.setCategories(i, cats);
                return null;
            });
            ratings("u.data");
            return finish();
        }

        IngestResult read1m() {
            AttributeColumn gender = users.declare(new AttributeSpec("gender", AttributeKind.CATEGORICAL, false));
            AttributeColumn age = users.declare(new AttributeSpec("age", AttributeKind.NUMERIC, false));
            AttributeColumn occ = users.declare(new AttributeSpec("occupation", AttributeKind.CATEGORICAL, false));
            AttributeColumn zip = users.declare(new AttributeSpec("zip", AttributeKind.CATEGORICAL, true));
            lines("users.dat", tableSep, 5, (t, f) -> {
                double years = number(f[2], "age");
                int code = (int) number(f[3], "occupation");
                if (code < 0 || code >= OCCUPATIONS_1M.size()) {
                    throw new BadValue("occupation code must be in [0, 20], was '" + f[3] + "'");
                }
                int u = addUnique(users, t, f[0], "user");
                gender.setLevel(u, f[1].strip());
                age.setNumber(u, years);
                occ.setLevel(u, OCCUPATIONS_1M.get(code));
                zip.setLevel(u, f[4].strip());
                return null;
            });
            lines("movies.dat", tableSep, 3, (t, f) -> {
                int i = addUnique(items, t, f[0], "movie");
                items.setTitle(i, f[1].strip());
                items.setCategories(i, List.of(f[2].split("\\|")));
                return null;
            });
            ratings("ratings.dat");
            return finish();
        }

        private void ratings(String file) {
            byte rating = events.types().code(EventTypes.RATING);
            lines(file, ratingSep, 4, (t, f) -> {
                int u = users.ids().indexOf(f[0].strip());
                if (u < 0) {
                    throw new BadValue("unknown user '" + f[0].strip() + "' (not in the users file)");
                }
                int i = items.ids().indexOf(f[1].strip());
                if (i < 0) {
                    throw new BadValue("unknown movie '" + f[1].strip() + "' (not in the movies file)");
                }
                float stars = (float) number(f[2], "rating");
                long time = (long) number(f[3], "timestamp");
                events.add(u, i, rating, stars, Float.NaN, time);
                return null;
            });
        }

        private List<String> genres100k() {
            Path g = dir.resolve("u.genre");
            if (!Files.exists(g)) {
                return GENRES_100K;
            }
            List<String> names = new ArrayList<>();
            try (TextLines in = new TextLines(InputFiles.open(g, "movielens"), StandardCharsets.ISO_8859_1, "u.genre",
                    options.maxLineBytes())) {
                for (TextLines.Line l = in.next(); l != null; l = in.next()) {
                    String[] f = l.text().split("\\|");
                    if (!l.text().isBlank() && f.length == 2) {
                        names.add(f[0].strip());
                    }
                }
            }
            return names.isEmpty() ? GENRES_100K : names;
        }

        private int addUnique(io.cohortlm.data.AttributeTable table, FileTally t, String rawId, String what) {
            String id = rawId.strip();
            if (id.isEmpty()) {
                throw new BadValue("empty " + what + " id");
            }
            if (table.ids().contains(id)) {
                throw new BadValue("duplicate " + what + " id '" + id + "'");
            }
            return table.addRow(id);
        }

        private double number(String s, String field) {
            try {
                double v = Double.parseDouble(s.strip());
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the field name
            }
            throw new BadValue("bad " + field + " '" + s + "' (expected a number)");
        }

        /** Reads one file: each row is split and handed to {@code row}, which returns null when accepted. */
        private void lines(String file, String sep, int fields, RowHandler row) {
            Path p = dir.resolve(file);
            InputFiles.requireFile(p, "movielens " + name);
            FileTally t = new FileTally(file);
            try (TextLines in = new TextLines(InputFiles.open(p, "movielens"), StandardCharsets.ISO_8859_1, file,
                    options.maxLineBytes())) {
                boolean any = false;
                for (TextLines.Line l = in.next(); l != null; l = in.next()) {
                    any = true;
                    t.read();
                    if (l.tooLong()) {
                        bad.reject(t, l.number(), l.text(), "line is " + l.bytes() + " bytes, longer than the limit");
                        continue;
                    }
                    if (l.text().isBlank()) {
                        t.exclude("blank_line");
                        continue;
                    }
                    String[] f = split(l.text(), sep);
                    if (f.length != fields) {
                        bad.reject(t, l.number(), l.text(), "expected " + fields + " '" + sep + "'-separated fields, "
                                + "found " + f.length + (f.length < fields ? " (truncated line?)" : ""));
                        continue;
                    }
                    try {
                        row.handle(t, f);
                        t.accept();
                    } catch (BadValue e) {
                        bad.reject(t, l.number(), l.text(), e.getMessage());
                    }
                }
                if (!any) {
                    throw new CohortException(name + " " + file + ": file is empty");
                }
            }
            files.add(t.counts());
        }

        private IngestResult finish() {
            users.seal();
            items.seal();
            events.trim();
            IngestSummary s = IngestSummary.of("movielens:" + dir, files, users.size(), items.size(), events.size(),
                    Map.of());
            return new IngestResult(new Dataset(name, users, items, events), s);
        }
    }

    /** Splits on a literal separator, keeping empty trailing fields. */
    static String[] split(String s, String sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int i = s.indexOf(sep, from);
            if (i < 0) {
                out.add(s.substring(from));
                return out.toArray(String[]::new);
            }
            out.add(s.substring(from, i));
            from = i + sep.length();
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        /** Handles a row; throws {@link BadValue} to reject it. */
        Object handle(FileTally t, String[] fields);
    }
}
