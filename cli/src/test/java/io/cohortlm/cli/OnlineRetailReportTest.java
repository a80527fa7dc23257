package io.cohortlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-data path end to end: the bundled UCI Online Retail sample is ingested, embedded (behaviour +
 * attributes, so no language model is needed here), segmented and explained; the report opens in headless
 * Chromium with the map and one card per segment.
 */
class OnlineRetailReportTest {
    static final Path SAMPLE = Path.of("..", DemoCommand.RETAIL_SAMPLE);

    static void ok(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, String.join(" ", args) + "\n" + err);
    }

    @Test
    void online_retail_report_shows_the_map_and_every_segment_card(@TempDir Path tmp) throws Exception {
        assertTrue(Files.isRegularFile(SAMPLE), "bundled sample at " + SAMPLE.toAbsolutePath());
        ok("ingest", "--data", "online-retail:" + SAMPLE, "--out", tmp.resolve("data").toString());
        ok("embed", "--data", "dataset:" + tmp.resolve("data"), "--views", "behaviour,attributes", "--quiet",
                "--out", tmp.resolve("vec").toString());
        ok("segment", "--vectors", tmp.resolve("vec").toString(), "--k", "4", "--out", tmp.resolve("model").toString());
        ok("explain", "--model", tmp.resolve("model").toString(), "--vectors", tmp.resolve("vec").toString(), "--data",
                "dataset:" + tmp.resolve("data"), "--out", tmp.resolve("explain").toString());
        String dom = HeadlessChromium.dumpDom(tmp.resolve("explain/report.html"));
        assertTrue(dom.contains("data-rendered=\"true\""), "the page's script ran to the end");
        long released = Files.readAllLines(tmp.resolve("explain/segments.csv")).stream().skip(1)
                .filter(l -> !l.contains("true")).count();
        assertEquals(released, HeadlessChromium.count(dom, "<article class=\"card\""), "one card per released segment");
        assertTrue(HeadlessChromium.count(dom, "<circle class=\"pt\"") >= 800, "map of the 872 customers drawn");
        assertTrue(dom.contains("United Kingdom"), "real attribute values appear as evidence");
    }
}
