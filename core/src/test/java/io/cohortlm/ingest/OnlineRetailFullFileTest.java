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
        System.out.println(s.toJson());
        assertEquals(541_909, s.rowsRead());
        assertEquals(s.rowsRead(), s.accepted() + s.excludedTotal() + s.rejected());
        assertEquals(4_372, s.details().get("customers_seen"));
    }
}
