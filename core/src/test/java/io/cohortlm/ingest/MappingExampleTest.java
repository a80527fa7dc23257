package io.cohortlm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extracts the mapping example from docs/data.md and ingests it, so the documented example cannot drift. */
class MappingExampleTest {
    private static final Pattern FILE = Pattern.compile("<!-- file: (\\S+) -->\\s*```\\w*\\n(.*?)```",
            Pattern.DOTALL);

    static Path writeDocExample(Path dir) throws IOException {
        String doc = Files.readString(Path.of("../docs/data.md"));
        Matcher m = FILE.matcher(doc);
        int n = 0;
        while (m.find()) {
            Path p = dir.resolve(m.group(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, m.group(2));
            n++;
        }
        assertEquals(4, n, "docs/data.md should hold 4 example files");
        return dir.resolve("shop/mapping.yaml");
    }

    @Test
    void documented_mapping_example_reads_as_documented(@TempDir Path dir) throws IOException {
        Path mapping = writeDocExample(dir);
        IngestResult r = DataSources.standard().ingest("csv:" + mapping, IngestOptions.defaults());
        Dataset d = r.dataset();
        assertEquals("shop", d.name());
        assertEquals(3, d.users().size());
        assertEquals(3, d.items().size());
        assertEquals(5, d.events().size());
        assertEquals(11, r.summary().rowsRead());
        assertEquals(11, r.summary().accepted());
        assertEquals(List.of("users.csv", "items.csv", "events.csv"),
                r.summary().files().stream().map(FileCounts::file).toList());

        assertTrue(d.users().column("email").spec().personal());
        assertEquals(AttributeKind.NUMERIC, d.users().column("age").kind());
        assertTrue(Double.isNaN(d.users().column("age").number(1)));
        assertEquals("York", d.users().column("city").level(1));
        assertEquals("A round, white tea pot", d.items().text(0));
        assertEquals(List.of("kitchen", "tea"), List.of(d.items().categoryName(d.items().categories(0)[0]),
                d.items().categoryName(d.items().categories(0)[1])));
        assertEquals(List.of("view", "purchase", "cart"), d.events().types().names());
        assertEquals("purchase", d.events().typeName(1));
        assertEquals(19.99f, d.events().price(1));
        assertTrue(Float.isNaN(d.events().value(0)));
        long expected = ZonedDateTime.of(2010, 12, 1, 8, 30, 0, 0, ZoneId.of("Europe/London")).toEpochSecond();
        assertEquals(expected, d.events().time(1));
    }

    @Test
    void mapping_given_separately_with_a_json_mapping_reads_the_same(@TempDir Path dir) throws IOException {
        Path mapping = writeDocExample(dir);
        String yaml = Files.readString(mapping);
        Path json = dir.resolve("shop/mapping.json");
        Files.writeString(json, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                        .readTree(yaml)));
        IngestResult r = DataSources.standard().ingest("csv:" + dir.resolve("shop/events.csv"),
                IngestOptions.defaults().withMapping(json));
        assertEquals(5, r.dataset().events().size());
        assertEquals(3, r.dataset().users().size());
    }
}
