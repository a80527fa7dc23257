package io.cohortlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.ingest.DatasetStore;
import io.cohortlm.ingest.IngestSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code cohortlm ingest} in-process through {@link Main#run}. */
class IngestCommandTest {
    static final String SAMPLE = "../data/online-retail-sample/online_retail_sample.csv.gz";

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void ingest_writes_the_dataset_and_summary(@TempDir Path dir) {
        Path out = dir.resolve("retail");
        Run r = run("ingest", "--data", "online-retail:" + SAMPLE, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("read 77,623 rows"), r.out());
        assertTrue(r.out().contains("72,723 accepted"), r.out());
        assertTrue(r.out().contains("dataset: 872 users"), r.out());
        IngestSummary s = IngestSummary.read(out.resolve("summary.json"));
        assertEquals(77_623, s.rowsRead());
        assertEquals(872, DatasetStore.read(out).users().size());
    }

    @Test
    void missing_file_is_one_line_exit_1(@TempDir Path dir) {
        Run r = run("ingest", "--data", "online-retail:" + dir.resolve("nope.csv.gz"), "--out", dir.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: online-retail file not found: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void bad_flag_value_is_a_usage_error_exit_2(@TempDir Path dir) {
        Run r = run("ingest", "--data", "online-retail:" + SAMPLE, "--on-bad-row", "ignore", "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--on-bad-row must be fail, skip or quarantine, was 'ignore'"), r.err());
        Run n = run("ingest", "--data", "online-retail:" + SAMPLE, "--max-errors", "many", "--out", dir.toString());
        assertEquals(2, n.code());
        Run u = run("ingest", "--data", "parquet:x", "--out", dir.toString());
        assertEquals(1, u.code());
        assertTrue(u.err().contains("known formats: csv, tsv, jsonl, movielens, online-retail, dataset"), u.err());
    }

    @Test
    void quarantine_defaults_the_reject_file_into_the_output_folder(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("e.csv");
        Files.writeString(events, "user_id,item_id,value\nu1,i1,2\nu2,i2,oops\n");
        Path out = dir.resolve("out");
        Run r = run("ingest", "--data", "csv:" + events, "--on-bad-row", "quarantine", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out.resolve("rejects.csv")).contains("bad number 'oops'"));
        assertTrue(r.out().contains("1 rejected"), r.out());
    }
}
