package io.cohortlm.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * False-positive regression on real data: Online Retail rows hold no personal data (customer ids are
 * pseudonymous numbers), so rendered as texts full of prices, dates, times, invoice numbers and stock codes,
 * none of them may be changed.
 */
class RedactorRetailDataTest {
    // "../shared/..." relative to the repo root; surefire runs in core/, one level down.
    private static final Path DATA = Files.isRegularFile(Path.of("../shared/data/online-retail/online_retail.csv.gz"))
            ? Path.of("../shared/data/online-retail/online_retail.csv.gz")
            : Path.of("../../shared/data/online-retail/online_retail.csv.gz");

    @Test
    void first_5000_retail_rows_are_left_unchanged() throws Exception {
        assumeTrue(Files.isRegularFile(DATA), "no data at " + DATA.toAbsolutePath());
        List<String> changed = new ArrayList<>();
        int n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(DATA)), StandardCharsets.UTF_8))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (n++ == 5_000) {
                    break;
                }
                String text = "Customer " + r.get("CustomerID") + " in " + r.get("Country") + " bought "
                        + r.get("Quantity") + " x " + r.get("Description") + " at " + r.get("UnitPrice") + " on "
                        + r.get("InvoiceDate") + " (invoice " + r.get("InvoiceNo") + ", item " + r.get("StockCode")
                        + ")";
                Redaction x = Redactor.standard().redact(text);
                if (x.changed() && changed.size() < 5) {
                    changed.add(text + " -> " + x.text());
                }
            }
        }
        assertEquals(List.of(), changed);
    }
}
