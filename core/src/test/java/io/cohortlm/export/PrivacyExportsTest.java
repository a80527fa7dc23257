package io.cohortlm.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.explain.InterpretableFeatures;
import io.cohortlm.explain.PlantedSegments;
import io.cohortlm.explain.ProfileConfig;
import io.cohortlm.explain.SegmentProfiler;
import io.cohortlm.explain.SegmentProfiles;
import io.cohortlm.explain.SegmentedUsers;
import io.cohortlm.explain.SurrogateConfig;
import io.cohortlm.explain.SurrogateRules;
import io.cohortlm.explain.SurrogateTrainer;
import io.cohortlm.explain.UserExplainer;
import io.cohortlm.explain.UserExplanation;
import io.cohortlm.explain.persona.Persona;
import io.cohortlm.explain.persona.PersonaFacts;
import io.cohortlm.explain.persona.TemplatePersonaWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minimum-size rule holds in every output: segments s2 (7 members) and s3 (4 members) are below the floor of
 * 10 and must never appear with their size, persona, statistics or member list in CSV, JSON Lines, Parquet, the
 * JSON report or a per-user answer.
 */
class PrivacyExportsTest {
    static SegmentedUsers in;
    static InterpretableFeatures feats;
    static SegmentProfiles profiles;
    static SurrogateRules rules;
    static List<Persona> personas;
    static final Set<String> SMALL = Set.of("s2", "s3");

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        in = PlantedSegments.build(new int[] {60, 60, 7, 4}, 11);
        feats = InterpretableFeatures.build(in.data(), InterpretableFeatures.Config.defaults());
        profiles = new SegmentProfiler(ProfileConfig.defaults()).profile(in, feats, PlantedSegments.PSEUDO);
        rules = new SurrogateTrainer(SurrogateConfig.defaults()).fit(in, feats);
        Set<String> personal = PersonaFacts.personalTerms(in.data());
        personas = new TemplatePersonaWriter(TemplatePersonaWriter.Language.EN)
                .write(profiles.segments().stream().map(p -> PersonaFacts.of(p, personal, 3)).toList());
    }

    /** Rows of a table file as maps, read back by an independent reader per format. */
    static List<Map<String, Object>> readBack(Path file) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        String name = file.getFileName().toString();
        if (name.endsWith(".csv")) {
            try (Reader r = Files.newBufferedReader(file)) {
                for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().get().parse(r)) {
                    Map<String, Object> m = new HashMap<>();
                    rec.toMap().forEach((k, v) -> m.put(k, v.isEmpty() ? null : v));
                    out.add(m);
                }
            }
        } else if (name.endsWith(".jsonl")) {
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(file)) {
                Map<String, Object> m = new HashMap<>();
                json.readTree(line).fields().forEachRemaining(e -> m.put(e.getKey(),
                        e.getValue().isNull() ? null : e.getValue().asText()));
                out.add(m);
            }
        } else {
            try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                    var s = c.createStatement();
                    var rs = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> m = new HashMap<>();
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        m.put(rs.getMetaData().getColumnName(i), v == null ? null : v.toString());
                    }
                    out.add(m);
                }
            }
        }
        return out;
    }

    void assertFloorHolds(SegmentExports ex, boolean merged) throws Exception {
        List<Path> files = new ArrayList<>();
        files.addAll(SegmentExports.write(ex.segmentTable(in, profiles, personas, feats), dir,
                SegmentExports.allFormats()));
        files.addAll(SegmentExports.write(ex.membershipTable(in, PlantedSegments.PSEUDO), dir,
                SegmentExports.allFormats()));
        assertEquals(6, files.size());
        for (Path f : files) {
            List<Map<String, Object>> rows = readBack(f);
            String what = f.getFileName().toString();
            if (what.startsWith("segments")) {
                for (String small : SMALL) {
                    Map<String, Object> row = rows.stream().filter(r -> small.equals(r.get("segment_key")))
                            .findFirst().orElseThrow(() -> new AssertionError(small + " not flagged in " + what));
                    assertNull(row.get("size"), what);
                    assertNull(row.get("share"), what);
                    assertNull(row.get("name"), what);
                    assertNull(row.get("top_features"), what);
                    assertTrue(row.get("note").toString().contains("fewer than 10"), what);
                    assertEquals(merged ? "other" : null, row.get("merged_into"), what);
                    assertEquals(merged ? "false" : "true", row.get("suppressed").toString(), what);
                }
                Map<String, Object> s0 = rows.stream().filter(r -> "s0".equals(r.get("segment_key"))).findFirst()
                        .orElseThrow();
                assertEquals("60", s0.get("size").toString());
                assertEquals(personas.get(0).name(), s0.get("name"));
                Map<String, Object> other = rows.stream().filter(r -> "other".equals(r.get("segment_key")))
                        .findFirst().orElse(null);
                if (merged) {
                    assertEquals("13", other.get("size").toString(), "7 + 4 + 2 outliers");
                } else {
                    assertNull(other);
                }
            } else {
                assertEquals(in.userSegment().length, rows.size());
                for (int u = 0; u < rows.size(); u++) {
                    Map<String, Object> row = rows.get(u);
                    int label = in.userSegment()[u];
                    assertEquals(PlantedSegments.PSEUDO.apply("user-" + u), row.get("user_id"), what);
                    Object key = row.get("segment_key");
                    assertFalse(key != null && SMALL.contains(key), what + " row " + u);
                    if (label >= 2 || label < 0) {
                        assertEquals(merged ? "other" : null, row.get("segment_key"), what + " row " + u);
                        assertNull(row.get("confidence"));
                        assertEquals(merged ? "false" : "true", row.get("suppressed").toString());
                    } else {
                        assertEquals("s" + label, row.get("segment_key"));
                    }
                }
            }
            // Nothing of the small segments leaks as text either: names, raw ids.
            String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(raw.contains("user-"), "raw user id in " + what);
            for (int s = 2; s < 4; s++) {
                assertFalse(raw.contains(personas.get(s).name()), "persona of a small segment in " + what);
            }
        }
    }

    @Test
    void small_segments_are_merged_in_every_format() throws Exception {
        assertFloorHolds(new SegmentExports(PrivacyPolicy.defaults()), true);
        // printed for docs/privacy-exports.md
        System.out.println(Files.readString(dir.resolve("segments.csv")));
        Files.readAllLines(dir.resolve("membership.jsonl")).stream().limit(3).forEach(System.out::println);
    }

    @Test
    void small_segments_are_suppressed_in_every_format() throws Exception {
        assertFloorHolds(new SegmentExports(PrivacyPolicy.defaults()
                .withSmallSegments(PrivacyPolicy.SmallSegments.SUPPRESS)), false);
    }

    @Test
    void a_merged_bucket_below_the_floor_is_suppressed_too() {
        SegmentedUsers tiny = PlantedSegments.build(new int[] {60, 60, 3}, 11);
        SegmentExports ex = new SegmentExports(PrivacyPolicy.defaults());
        ExportTable t = ex.segmentTable(tiny, null, null, null);
        Object[] other = t.rows().stream().filter(r -> "other".equals(r[0])).findFirst().orElseThrow();
        assertNull(other[t.columnIndex("size")]);
        assertEquals(true, other[t.columnIndex("suppressed")]);
        ExportTable m = ex.membershipTable(tiny, PlantedSegments.PSEUDO);
        assertTrue(m.rows().stream().noneMatch(r -> "other".equals(r[1]) || "s2".equals(r[1])));
    }

    @Test
    void the_report_and_user_answers_obey_the_same_floor() throws Exception {
        SegmentExports ex = new SegmentExports(PrivacyPolicy.defaults());
        JsonNode report = ex.report(in, profiles, rules, personas, feats);
        String text = report.toString();
        System.out.println("withheld: " + report.get("withheld") + "\nother: " + report.get("other"));
        for (JsonNode s : report.get("segments")) {
            assertFalse(SMALL.contains(s.get("segment_key").asText()));
        }
        assertEquals(3, report.get("withheld").size(), "s2, s3 and the outliers");
        assertEquals(13, report.get("other").get("size").asInt());
        assertFalse(text.contains(personas.get(2).name()));
        assertFalse(text.contains("user-"));
        int member = 0;
        while (in.userSegment()[member] != 2) {
            member++;
        }
        UserExplanation raw = new UserExplainer(in, feats, profiles, PlantedSegments.PSEUDO).explain(member);
        assertEquals("s2", raw.segmentKey());
        UserExplanation safe = ex.answer(in, raw);
        assertEquals("other", safe.segmentKey());
        assertEquals(-2, safe.segment());
        assertTrue(safe.reasons().isEmpty() && safe.views().isEmpty() && safe.dimensions().isEmpty());
        assertEquals(List.of("s0", "s1"), ex.releasedPersonas(in, personas).stream().map(Persona::segmentKey).toList());
        assertEquals(2, ex.releasedProfiles(in, profiles).size());
        assertTrue(Double.isNaN(safe.confidence()));
        UserExplanation big = new UserExplainer(in, feats, profiles, PlantedSegments.PSEUDO).explain(0);
        assertEquals(in.userSegment()[0] < 2 ? big.segmentKey() : "other", ex.answer(in, big).segmentKey());
    }

    @Test
    void differential_privacy_adds_seeded_noise_states_epsilon_and_keeps_the_floor() throws Exception {
        PrivacyPolicy dp = PrivacyPolicy.defaults().withDifferentialPrivacy(0.5, 99,
                Map.of("frequency", new PrivacyPolicy.Bounds(0, 30), "age", new PrivacyPolicy.Bounds(18, 90)));
        ExportTable a = new SegmentExports(dp).segmentTable(in, profiles, personas, feats);
        ExportTable b = new SegmentExports(dp).segmentTable(in, profiles, personas, feats);
        Path csv = SegmentExports.write(a, dir, List.of(new CsvTableWriter())).get(0);
        System.out.println(Files.readString(csv));
        assertEquals(a.rows().size(), b.rows().size());
        for (int i = 0; i < a.rows().size(); i++) {
            assertEquals(java.util.Arrays.asList(a.rows().get(i)), java.util.Arrays.asList(b.rows().get(i)),
                    "seeded: identical reruns");
        }
        int sizeCol = a.columnIndex("size");
        int diffs = 0;
        for (Object[] row : a.rows()) {
            assertEquals(0.5, row[a.columnIndex("epsilon")]);
            assertNull(row[a.columnIndex("top_features")], "selections are not DP: withheld");
            assertNull(row[a.columnIndex("name")]);
            if (SMALL.contains(row[0])) {
                assertNull(row[sizeCol]);
                continue;
            }
            if ("s0".equals(row[0]) || "s1".equals(row[0])) {
                long size = (Long) row[sizeCol];
                assertTrue(Math.abs(size - 60) < 30, "Lap(3) noise: " + size);
                diffs += size != 60 ? 1 : 0;
                double age = (Double) row[a.columnIndex("mean_age")];
                assertTrue(age >= 18 && age <= 90);
            }
        }
        assertTrue(diffs >= 1, "noise was added");
        assertTrue(a.metadata().get("cohortlm.privacy").contains("ε = 0.5"));
        assertNotEquals(-1, a.columnIndex("mean_frequency"));
        Path f = SegmentExports.write(a, dir, List.of(new ParquetTableWriter())).get(0);
        assertEquals(a.rows().size(), readBack(f).size());
    }

    @Test
    void raw_ids_only_when_the_policy_says_so() {
        PrivacyPolicy raw = new PrivacyPolicy(10, PrivacyPolicy.SmallSegments.MERGE, 0, 0, Map.of(), true);
        ExportTable t = new SegmentExports(raw).membershipTable(in, null);
        assertEquals("user-0", t.rows().get(0)[0]);
        assertTrue(t.metadata().get("cohortlm.privacy").contains("RAW user ids"));
        org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> new SegmentExports(PrivacyPolicy.defaults()).membershipTable(in, null));
    }
}
