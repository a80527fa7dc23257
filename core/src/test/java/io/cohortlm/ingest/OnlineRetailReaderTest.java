package io.cohortlm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cohortlm.data.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hand-written invoice lines: one per exclusion reason, quoting, CRLF and a BOM, read by both parsers. */
class OnlineRetailReaderTest {
    static final String FILE = "\uFEFFInvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r\n"
            + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\r\n"
            + "536477,22041,\"RECORD FRAME 7\"\" SINGLE SIZE\",48,2010-12-01 12:27:00,2.1,16210,France\r\n"
            + "536520,22760,\"TRAY, BREAKFAST IN BED\",1,2010-12-01 12:43:00,12.75,17850,United Kingdom\n"
            + "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,,United Kingdom\n"
            + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom\n"
            + "536370,POST,POSTAGE,3,2010-12-01 08:45:00,18,12583,France\n"
            + "536414,22139,,56,2010-12-01 11:52:00,0,16210,France\n"
            + "536415,22140,,5,2010-12-01 11:53:00,1.5,16210,France\n"
            + "536416,22141,ADJUST,-5,2010-12-01 11:54:00,1.5,16210,France\n"
            + "536417,85123A,WHITE HANGING HEART T-LIGHT HOLDER,2,2010-12-01 11:55,2.55,99999,Spain\r\n";

    @ParameterizedTest
    @EnumSource(OnlineRetailReader.Parser.class)
    void each_row_is_kept_or_excluded_for_its_reason(OnlineRetailReader.Parser parser, @TempDir Path dir)
            throws IOException {
        Path f = dir.resolve("retail.csv");
        Files.writeString(f, FILE, StandardCharsets.UTF_8);
        IngestResult r = new OnlineRetailReader(f, parser).read(IngestOptions.defaults());
        IngestSummary s = r.summary();
        assertEquals(10, s.rowsRead());
        assertEquals(4, s.accepted());
        assertEquals(Map.of("missing_customer_id", 1L, "cancellation", 1L, "non_product_code", 1L,
                "non_positive_price", 1L, "missing_description", 1L, "non_positive_quantity", 1L),
                Map.copyOf(s.excluded()));
        assertEquals(Map.of("customers_seen", 5L, "customers_all_rows_excluded", 2L, "stock_codes_seen", 9L,
                "stock_codes_all_rows_excluded", 6L), Map.copyOf(s.details()));
        Dataset d = r.dataset();
        assertKeptRows(d);
    }

    private static void assertKeptRows(Dataset d) {
        assertEquals(java.util.List.of("17850", "16210", "99999"), d.users().ids().ids());
        assertEquals("France", d.users().column("country").level(1));
        assertEquals("Spain", d.users().column("country").level(2));
        assertEquals(java.util.List.of("85123A", "22041", "22760"), d.items().ids().ids());
        assertEquals("RECORD FRAME 7\" SINGLE SIZE", d.items().title(1));
        assertEquals("TRAY, BREAKFAST IN BED", d.items().title(2));
        assertEquals(4, d.events().size());
        assertEquals("purchase", d.events().typeName(0));
        assertEquals(48f, d.events().value(1));
        assertEquals(2.1f, d.events().price(1));
        assertEquals(LocalDateTime.of(2010, 12, 1, 12, 27).toEpochSecond(ZoneOffset.UTC), d.events().time(1));
        assertEquals(LocalDateTime.of(2010, 12, 1, 11, 55).toEpochSecond(ZoneOffset.UTC), d.events().time(3));
        assertEquals(0, d.events().user(2));
        assertEquals(0, d.events().item(3));
    }
}
