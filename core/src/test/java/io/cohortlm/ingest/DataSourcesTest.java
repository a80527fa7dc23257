package io.cohortlm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.CohortException;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
    @Test
    void a_new_format_registers_in_one_line() {
        DataSources sources = DataSources.standard().register("synthetic", (location, options) -> o -> {
            Users u = new Users();
            u.addRow("user-" + location);
            return new IngestResult(new Dataset("synthetic", u, new Items(), new Events()),
                    IngestSummary.of("synthetic", List.of(), 1, 0, 0, Map.of()));
        });
        IngestResult r = sources.ingest("synthetic:7", IngestOptions.defaults());
        assertEquals("user-7", r.dataset().users().ids().id(0));
        assertEquals("synthetic:7", r.summary().source());
        assertTrue(sources.formats().contains("synthetic"));
    }

    @Test
    void unknown_format_lists_the_known_ones() {
        CohortException e = assertThrows(CohortException.class,
                () -> DataSources.standard().open("xlsx:a.xlsx", IngestOptions.defaults()));
        assertEquals("unknown data format 'xlsx' in 'xlsx:a.xlsx'; known formats: csv, tsv, jsonl, movielens, "
                + "online-retail, dataset, synthetic", e.getMessage());
    }

    @Test
    void a_mapping_for_a_fixed_layout_format_is_refused() {
        CohortException e = assertThrows(CohortException.class, () -> DataSources.standard().open(
                "online-retail:x.csv", IngestOptions.defaults().withMapping(Path.of("m.yaml"))));
        assertEquals("a mapping file applies to csv, tsv and jsonl only, not to online-retail (got m.yaml)",
                e.getMessage());
    }

    @Test
    void quarantine_writes_every_bad_row_with_file_line_reason_and_raw_text(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("e.csv"), "user_id,item_id,value\nu1,i1,2\nu2,i2,zz\nu3\nu4,i4,1\n");
        for (String name : List.of("rejects.csv", "rejects.jsonl")) {
            Path rejects = dir.resolve(name);
            IngestSummary s = DataSources.standard().ingest("csv:" + dir.resolve("e.csv"),
                    IngestOptions.defaults().withPolicy(BadRowPolicy.QUARANTINE, rejects)).summary();
            assertEquals(4, s.rowsRead());
            assertEquals(2, s.accepted());
            assertEquals(2, s.rejected());
            List<String> lines = Files.readAllLines(rejects);
            if (name.endsWith(".csv")) {
                assertEquals(List.of("file,line,reason,raw", "e.csv,3,bad number 'zz' in column 'value',\"u2,i2,zz\"",
                        "e.csv,4,\"expected 3 fields (as in the header), found 1 (truncated line?)\",u3"), lines);
            } else {
                assertEquals("{\"file\":\"e.csv\",\"line\":3,\"reason\":\"bad number 'zz' in column 'value'\","
                        + "\"raw\":\"u2,i2,zz\"}", lines.get(0));
                assertEquals(2, lines.size());
            }
        }
    }

    @Test
    void summary_json_has_the_snake_case_keys(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("e.csv"), "user_id,item_id\nu1,i1\n\n");
        IngestSummary s = DataSources.standard().ingest("csv:" + dir.resolve("e.csv"), IngestOptions.defaults())
                .summary();
        Path json = dir.resolve("summary.json");
        s.write(json);
        String text = Files.readString(json);
        for (String key : List.of("\"rows_read\" : 2", "\"accepted\" : 1", "\"rejected\" : 0", "\"excluded\" : {",
                "\"blank_line\" : 1", "\"users\" : 1", "\"items\" : 1", "\"events\" : 1", "\"files\" : [")) {
            assertTrue(text.contains(key), key + " missing in " + text);
        }
        assertEquals(s, IngestSummary.read(json));
    }
}
