package io.cohortlm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cohortlm.CohortException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-input corpus: each case writes its files, reads them and asserts the documented outcome (one
 * {@link CohortException} whose message contains given text, or exact summary counts). Any other exception
 * (NPE, index out of bounds…) fails the case. Every case id appears in the outcomes table of docs/data.md.
 */
class MalformedInputsTest {
    static final String EV = "user_id,item_id,value,timestamp\n";

    /**
     * One corpus entry.
     *
     * @param id       stable name, as in docs/data.md
     * @param source   {@code format:file} relative to the case folder
     * @param files    name → content
     * @param options  adjusts the default options (fail policy)
     * @param error    expected message fragments; empty when the read must succeed
     * @param counts   expected {rows_read, accepted, rejected} when it succeeds
     * @param excluded expected excluded-by-reason when it succeeds
     */
    record Case(String id, String source, Map<String, byte[]> files, UnaryOperator<IngestOptions> options,
            List<String> error, long[] counts, Map<String, Long> excluded) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Case ok(String id, String source, Map<String, byte[]> files, UnaryOperator<IngestOptions> o, long read,
            long accepted, long rejected, Map<String, Long> excluded) {
        return new Case(id, source, files, o, List.of(), new long[] {read, accepted, rejected}, excluded);
    }

    static Case err(String id, String source, Map<String, byte[]> files, UnaryOperator<IngestOptions> o,
            String... fragments) {
        return new Case(id, source, files, o, List.of(fragments), null, Map.of());
    }

    static Map<String, byte[]> files(Object... nameContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameContent.length; i += 2) {
            Object c = nameContent[i + 1];
            m.put((String) nameContent[i], c instanceof byte[] b ? b : ((String) c).getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(String s, boolean truncate) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(utf8(s));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] b = o.toByteArray();
        return truncate ? Arrays.copyOf(b, b.length / 2) : b;
    }

    static final UnaryOperator<IngestOptions> FAIL = o -> o;
    static final UnaryOperator<IngestOptions> SKIP = o -> o.withPolicy(BadRowPolicy.SKIP, null);
    static final String RETAIL_HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,"
            + "Country\n";
    static final String RETAIL_ROW = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,"
            + "17850,United Kingdom\n";
    static final String USERS = "user_id,age\nu1,30\nu2,41\n";
    static final String MAP_USERS = "users: {file: users.csv, id: user_id, attributes: [{column: age, kind: numeric}]}\n"
            + "events: {file: e.csv, user: user_id, item: item_id, value: value, timestamp: timestamp}\n";

    static Stream<Case> corpus() {
        List<Case> c = new ArrayList<>();
        // --- unusable input: one message naming the file and the problem
        c.add(err("missing_file", "csv:nope.csv", files(), FAIL, "events file not found", "nope.csv"));
        c.add(err("directory_not_file", "csv:sub", files("sub/x.csv", EV), FAIL, "must be a file", "sub"));
        c.add(err("empty_file", "csv:e.csv", files("e.csv", ""), FAIL, "e.csv: file is empty"));
        c.add(err("missing_column", "csv:e.csv", files("e.csv", "user,item\nu1,i1\n"), FAIL,
                "e.csv: column 'user_id' (events.user) not found; columns are: user, item"));
        c.add(err("wrong_delimiter", "csv:e.csv", files("e.csv", "user_id;item_id;value\nu1;i1;3\n"), FAIL,
                "single column", "';'", "wrong delimiter?"));
        c.add(err("invalid_utf8", "csv:e.csv", files("e.csv", concat(utf8(EV + "u1,i1,3,1\nu2,"),
                new byte[] {(byte) 0xC3, 0x28}, utf8(",4,1\n"))), SKIP, "e.csv:3: invalid UTF-8", "column 4"));
        c.add(err("unknown_format", "parquet:e.parquet", files(), FAIL, "unknown data format 'parquet'",
                "known formats: csv, tsv, jsonl, movielens, online-retail, dataset"));
        c.add(err("no_format", "e.csv", files(), FAIL, "data source must be <format>:<path>"));
        c.add(err("mapping_unknown_key", "csv:m.yaml", files("m.yaml",
                "events: {file: e.csv, user: u, item: i, colum: x}\n", "e.csv", "u,i\n"), FAIL,
                "m.yaml: unknown key 'colum'", "known keys here"));
        c.add(err("mapping_without_events", "csv:m.yaml", files("m.yaml", "name: x\n"), FAIL,
                "m.yaml: 'events' is required"));
        c.add(err("mapping_bad_kind", "csv:m.yaml", files("m.yaml", "users: {file: users.csv, id: user_id, "
                + "attributes: [{column: age, kind: number-ish}]}\nevents: {file: e.csv, user: u, item: i}\n"),
                FAIL, "kind must be numeric, categorical or text, was 'number-ish'"));
        c.add(err("mapping_bad_encoding", "csv:m.yaml", files("m.yaml", "encoding: klingon-8\n"
                + "events: {file: e.csv, user: u, item: i}\n"), FAIL, "unknown encoding 'klingon-8'"));
        c.add(err("mapping_bad_timestamp_format", "csv:m.yaml", files("m.yaml", "timestamp_format: yyyy-qq-XX{\n"
                + "events: {file: e.csv, user: u, item: i}\n"), FAIL, "timestamp_format 'yyyy-qq-XX{'"));
        c.add(err("users_file_missing", "csv:m.yaml", files("m.yaml", MAP_USERS, "e.csv", EV), FAIL,
                "users file not found", "users.csv"));
        // --- tolerated quirks: accepted
        c.add(ok("header_only", "csv:e.csv", files("e.csv", EV), FAIL, 0, 0, 0, Map.of()));
        c.add(ok("utf8_bom", "csv:e.csv", files("e.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(EV + "u1,i1,3,1\n"))), FAIL, 1, 1, 0, Map.of()));
        c.add(ok("mixed_line_endings", "csv:e.csv", files("e.csv", "user_id,item_id\r\nu1,i1\nu2,i2\ru3,i3\r\n"), FAIL,
                3, 3, 0, Map.of()));
        c.add(ok("no_final_newline", "csv:e.csv", files("e.csv", EV + "u1,i1,3,1"), FAIL, 1, 1, 0, Map.of()));
        c.add(ok("blank_lines", "csv:e.csv", files("e.csv", EV + "u1,i1,3,1\n\n\nu2,i2,3,1\n"), FAIL, 4, 2, 0,
                Map.of("blank_line", 2L)));
        c.add(ok("stray_quote_inside_field", "csv:e.csv", files("e.csv", EV + "u1,i\"1,3,1\n"), FAIL, 1, 1, 0,
                Map.of()));
        c.add(ok("quoted_field_spanning_lines", "csv:m.yaml", files("m.yaml", "items: {file: items.csv, id: id, "
                + "title: title}\nevents: {file: e.csv, user: user_id, item: item_id}\n", "items.csv",
                "id,title\ni1,\"two\nlines\"\ni2,plain\n", "e.csv", EV + "u1,i2,1,1\n"), FAIL, 3, 3, 0, Map.of()));
        c.add(ok("latin1_declared", "csv:m.yaml", files("m.yaml", "encoding: ISO-8859-1\n"
                + "events: {file: e.csv, user: user_id, item: item_id}\n", "e.csv", concat(utf8("user_id,item_id\n"
                + "Jos"), new byte[] {(byte) 0xE9}, utf8(",i1\n"))), FAIL, 1, 1, 0, Map.of()));
        c.add(ok("epoch_millis_auto", "csv:e.csv", files("e.csv", EV + "u1,i1,3,1291191960000\n"), FAIL, 1, 1, 0,
                Map.of()));
        // --- bad rows: fail policy stops at the first with file:line: reason
        c.add(err("quote_after_closing_quote", "csv:e.csv", files("e.csv", EV + "u1,\"i1\"x,3,1\n"), FAIL,
                "e.csv:2: malformed quoting", "bad-row policy is fail"));
        c.add(err("truncated_line", "csv:e.csv", files("e.csv", EV + "u1,i1,3,1\nu2\n"), FAIL,
                "e.csv:3: expected 4 fields (as in the header), found 1 (truncated line?)"));
        c.add(err("bad_number", "csv:e.csv", files("e.csv", EV + "u1,i1,abc,1\n"), FAIL,
                "e.csv:2: bad number 'abc' in column 'value'"));
        c.add(err("bad_date", "csv:e.csv", files("e.csv", EV + "u1,i1,3,2011-13-45\n"), FAIL,
                "e.csv:2: bad timestamp '2011-13-45'"));
        // --- bad rows under skip: counted as rejected, the rest kept
        c.add(ok("unterminated_quote", "csv:e.csv", files("e.csv", EV + "u1,\"i1,3,1\nu2,i2,3,1\n"), SKIP, 2, 1, 1,
                Map.of()));
        c.add(ok("extra_fields", "csv:e.csv", files("e.csv", EV + "u1,i1,3,1,x\nu2,i2,3,1\n"), SKIP, 2, 1, 1,
                Map.of()));
        c.add(ok("nan_and_infinity", "csv:e.csv", files("e.csv", EV + "u1,i1,NaN,1\nu1,i1,Infinity,1\nu1,i1,2,1\n"),
                SKIP, 3, 1, 2, Map.of()));
        c.add(ok("empty_user_id", "csv:e.csv", files("e.csv", EV + ",i1,3,1\nu1,i1,3,1\n"), SKIP, 2, 1, 1, Map.of()));
        c.add(ok("duplicate_user_id", "csv:m.yaml", files("m.yaml", MAP_USERS, "users.csv", USERS + "u1,52\n",
                "e.csv", EV + "u1,i1,3,1\n"), SKIP, 4, 3, 1, Map.of()));
        c.add(ok("unknown_user", "csv:m.yaml", files("m.yaml", MAP_USERS, "users.csv", USERS, "e.csv",
                EV + "u1,i1,3,1\nu9,i1,3,1\n"), SKIP, 4, 3, 1, Map.of()));
        c.add(ok("enormous_field", "csv:e.csv", files("e.csv", EV + "u1,i1,3,1\nu2," + "x".repeat(5000) + ",3,1\n"),
                o -> o.withPolicy(BadRowPolicy.SKIP, null).withMaxLineBytes(1024), 2, 1, 1, Map.of()));
        c.add(ok("unmapped_event_type", "csv:m.yaml", files("m.yaml", "events: {file: e.csv, user: u, item: i, "
                + "type: t, type_values: {'1': view, '2': purchase}}\n", "e.csv", "u,i,t\nu1,i1,1\nu1,i2,9\n"), SKIP,
                2, 1, 1, Map.of()));
        c.add(err("max_errors_exceeded", "csv:e.csv", files("e.csv", EV + "u1,i1,x,1\nu1,i1,y,1\nu1,i1,z,1\n"),
                o -> o.withPolicy(BadRowPolicy.SKIP, null).withMaxErrors(2), "more than 2 bad rows (max-errors)",
                "first: e.csv:2: bad number 'x'", "latest: e.csv:4"));
        // --- JSON Lines
        c.add(ok("jsonl_invalid_json", "jsonl:e.jsonl", files("e.jsonl", "{\"user_id\":\"u1\",\"item_id\":\"i1\"}\n"
                + "{\"user_id\": \"u2\",\n"), SKIP, 2, 1, 1, Map.of()));
        c.add(ok("jsonl_not_an_object", "jsonl:e.jsonl", files("e.jsonl", "[1,2]\n\"x\"\n"
                + "{\"user_id\":\"u1\",\"item_id\":\"i1\"}\n"), SKIP, 3, 1, 2, Map.of()));
        c.add(err("jsonl_missing_field", "jsonl:e.jsonl", files("e.jsonl", "{\"user_id\":\"u1\"}\n"), FAIL,
                "e.jsonl:1: empty item id (column 'item_id')"));
        c.add(err("jsonl_empty_file", "jsonl:e.jsonl", files("e.jsonl", ""), FAIL, "e.jsonl: file is empty"));
        // --- Online Retail (fast parser; the Commons CSV path is checked to agree in the test below)
        c.add(err("retail_wrong_header", "online-retail:r.csv", files("r.csv", "a,b,c\n1,2,3\n"), FAIL,
                "r.csv: not the Online Retail layout", "found a,b,c"));
        c.add(err("retail_semicolons", "online-retail:r.csv", files("r.csv", RETAIL_HEADER.replace(',', ';')), FAIL,
                "r.csv: header has a single column", "wrong delimiter?"));
        c.add(err("retail_bad_quantity", "online-retail:r.csv", files("r.csv", RETAIL_HEADER
                + RETAIL_ROW.replace(",6,", ",six,")), FAIL, "r.csv:2: bad Quantity 'six'"));
        c.add(err("retail_bad_date", "online-retail:r.csv", files("r.csv", RETAIL_HEADER
                + RETAIL_ROW.replace("2010-12-01", "2010-02-30")), FAIL, "r.csv:2: bad InvoiceDate '2010-02-30"));
        c.add(ok("retail_truncated_row", "online-retail:r.csv", files("r.csv", RETAIL_HEADER + RETAIL_ROW
                + "536365,85123A,WHITE\n"), SKIP, 2, 1, 1, Map.of()));
        c.add(err("retail_truncated_gzip", "online-retail:r.csv.gz", files("r.csv.gz",
                gzip(RETAIL_HEADER + RETAIL_ROW.repeat(2000), true)), FAIL, "r.csv.gz", "truncated gzip"));
        c.add(err("retail_empty", "online-retail:r.csv", files("r.csv", ""), FAIL, "r.csv: file is empty"));
        // --- MovieLens
        c.add(err("movielens_unknown_layout", "movielens:ml", files("ml/readme.txt", "hi"), FAIL,
                "has neither u.data (100K layout) nor ratings.dat (1M layout)", "readme.txt"));
        c.add(err("movielens_missing_users", "movielens:ml", files("ml/u.data", "1\t1\t5\t881250949\n"), FAIL,
                "u.user", "not found"));
        c.add(err("movielens_comma_separated_ratings", "movielens:ml", files("ml/ratings.dat", "1,1,5,978300760\n",
                "ml/users.dat", "1::F::1::10::48067\n", "ml/movies.dat", "1::Toy Story (1995)::Animation\n"), FAIL,
                "ratings.dat:1: expected 4 '::'-separated fields, found 1"));
        c.add(ok("movielens_rating_of_unknown_movie", "movielens:ml", files("ml/ratings.dat",
                "1::1::5::978300760\n1::7::4::978300761\n", "ml/users.dat", "1::F::1::10::48067\n", "ml/movies.dat",
                "1::Toy Story (1995)::Animation\n"), SKIP, 4, 3, 1, Map.of()));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void malformed_input_has_its_documented_outcome(Case c, @TempDir Path dir) throws IOException {
        for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        String source = c.source();
        int colon = source.indexOf(':');
        String resolved = colon < 0 ? source : source.substring(0, colon + 1) + dir.resolve(source.substring(colon + 1));
        IngestOptions options = c.options().apply(IngestOptions.defaults());
        try {
            IngestSummary s = DataSources.standard().ingest(resolved, options).summary();
            if (!c.error().isEmpty()) {
                fail(c.id() + ": expected an error containing " + c.error() + ", but it read " + s.toJson());
            }
            assertEquals(c.counts()[0], s.rowsRead(), c.id() + " rows_read");
            assertEquals(c.counts()[1], s.accepted(), c.id() + " accepted");
            assertEquals(c.counts()[2], s.rejected(), c.id() + " rejected");
            assertEquals(c.excluded(), s.excluded(), c.id() + " excluded");
            assertEquals(s.rowsRead(), s.accepted() + s.excludedTotal() + s.rejected());
        } catch (CohortException e) {
            if (c.error().isEmpty()) {
                throw new AssertionError(c.id() + ": expected success, got: " + e.getMessage(), e);
            }
            for (String frag : c.error()) {
                assertTrue(e.getMessage().contains(frag), c.id() + ": message '" + e.getMessage()
                        + "' lacks '" + frag + "'");
            }
            assertFalse(e.getMessage().contains("\n"), c.id() + ": message must be one line: " + e.getMessage());
        }
    }

    @Test
    void corpus_has_at_least_30_cases_all_documented() throws IOException {
        List<Case> all = corpus().toList();
        assertTrue(all.size() >= 30, "corpus has " + all.size() + " cases");
        String doc = Files.readString(Path.of("../docs/data.md"));
        for (Case c : all) {
            assertTrue(doc.contains("| `" + c.id() + "` |"), "docs/data.md outcomes table lacks case " + c.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void online_retail_parsers_agree_on_malformed_input(Case c, @TempDir Path dir) throws IOException {
        if (!c.source().startsWith("online-retail:")) {
            return;
        }
        for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        Path file = dir.resolve(c.source().substring("online-retail:".length()));
        IngestOptions options = c.options().apply(IngestOptions.defaults());
        String fast = outcome(() -> new OnlineRetailReader(file, OnlineRetailReader.Parser.FAST).read(options));
        String ref = outcome(() -> new OnlineRetailReader(file, OnlineRetailReader.Parser.COMMONS_CSV).read(options));
        assertEquals(ref, fast);
    }

    private static String outcome(java.util.function.Supplier<IngestResult> r) {
        try {
            IngestSummary s = r.get().summary();
            return s.rowsRead() + "/" + s.accepted() + "/" + s.excluded() + "/" + s.rejected();
        } catch (CohortException e) {
            return "error";
        }
    }
}
