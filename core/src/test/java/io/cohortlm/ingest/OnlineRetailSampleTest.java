package io.cohortlm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cohortlm.data.Dataset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled sample: pinned counts, and the fast parser agrees with the Commons CSV path row for row. */
class OnlineRetailSampleTest {
    static final Path SAMPLE = Path.of("../data/online-retail-sample/online_retail_sample.csv.gz");

    @Test
    void sample_has_its_pinned_counts() {
        IngestSummary s = new OnlineRetailReader(SAMPLE).read(IngestOptions.defaults()).summary();
        assertEquals(77_623, s.rowsRead());
        assertEquals(PINNED_ACCEPTED, s.accepted());
        assertEquals(PINNED_EXCLUDED, new LinkedHashMap<>(s.excluded()));
        assertEquals(0, s.rejected());
        assertEquals(879, s.details().get("customers_seen"));
        assertEquals(7, s.details().get("customers_all_rows_excluded"));
        assertEquals(872, s.users());
        assertEquals(s.details().get("customers_seen") - s.details().get("customers_all_rows_excluded"), s.users());
        assertEquals(s.accepted(), s.events());
    }

    static final long PINNED_ACCEPTED = 72_723;
    static final Map<String, Long> PINNED_EXCLUDED = Map.of("missing_customer_id", 3_100L, "cancellation", 1_536L,
            "non_product_code", 256L, "non_positive_price", 8L);

    @Test
    void fast_parser_and_commons_csv_give_identical_datasets() {
        IngestResult fast = new OnlineRetailReader(SAMPLE, OnlineRetailReader.Parser.FAST)
                .read(IngestOptions.defaults());
        IngestResult ref = new OnlineRetailReader(SAMPLE, OnlineRetailReader.Parser.COMMONS_CSV)
                .read(IngestOptions.defaults());
        assertEquals(ref.summary(), fast.summary());
        assertSameDataset(ref.dataset(), fast.dataset());
    }

    static void assertSameDataset(Dataset a, Dataset b) {
        assertEquals(a.users().ids().ids(), b.users().ids().ids());
        assertEquals(a.items().ids().ids(), b.items().ids().ids());
        for (int i = 0; i < a.items().size(); i++) {
            assertEquals(a.items().title(i), b.items().title(i), "title of item " + i);
        }
        for (int u = 0; u < a.users().size(); u++) {
            assertEquals(a.users().column("country").level(u), b.users().column("country").level(u));
        }
        assertEquals(a.events().size(), b.events().size());
        for (int e = 0; e < a.events().size(); e++) {
            String at = "event " + e;
            assertEquals(a.events().user(e), b.events().user(e), at);
            assertEquals(a.events().item(e), b.events().item(e), at);
            assertEquals(a.events().type(e), b.events().type(e), at);
            assertEquals(a.events().value(e), b.events().value(e), at);
            assertEquals(a.events().price(e), b.events().price(e), at);
            assertEquals(a.events().time(e), b.events().time(e), at);
        }
    }
}
