package io.cohortlm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published counts of the real UCI Online Retail file; skipped (with a message) if the file is absent. */
class OnlineRetailFullFileTest {
    static final Path FULL = Path.of("../../shared/data/online-retail/online_retail.csv.gz");

    @Test
    void full_file_gives_the_published_counts() {
        assumeTrue(Files.exists(FULL), "skipped: real Online Retail file not found at " + FULL.toAbsolutePath()
                + " (see /work/shared/data/online-retail/README.md)");
        IngestSummary s = new OnlineRetailReader(FULL).read(IngestOptions.defaults()).summary();
        assertEquals(541_909, s.rowsRead());
        assertEquals(396_337, s.accepted());
        assertEquals(Map.of("missing_customer_id", 135_080L, "cancellation", 8_905L, "non_product_code", 1_554L,
                "non_positive_price", 33L), new java.util.HashMap<>(s.excluded()));
        assertEquals(0, s.rejected());
        assertEquals(s.rowsRead(), s.accepted() + s.excludedTotal() + s.rejected());
        assertEquals(4_372, s.details().get("customers_seen"));
        assertEquals(38, s.details().get("customers_all_rows_excluded"));
        assertEquals(4_334, s.users());
        assertEquals(4_070, s.details().get("stock_codes_seen"));
        assertEquals(3_659, s.items());
        assertEquals(396_337, s.events());
    }
}
