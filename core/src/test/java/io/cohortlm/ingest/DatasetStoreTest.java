package io.cohortlm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.CohortException;
import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStoreTest {
    private static Dataset sample;

    static synchronized Dataset sample() {
        if (sample == null) {
            sample = new OnlineRetailReader(OnlineRetailSampleTest.SAMPLE).read(IngestOptions.defaults()).dataset();
        }
        return sample;
    }

    @Test
    void round_trip_keeps_ids_attributes_text_categories_and_events(@TempDir Path dir) throws IOException {
        Dataset a = DataSources.standard().ingest("csv:" + MappingExampleTest.writeDocExample(dir.resolve("src")),
                IngestOptions.defaults()).dataset();
        Path out = dir.resolve("out");
        DatasetStore.write(a, out);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(java.util.Set.of("users.csv", "items.csv", "events.bin", "dataset.json"),
                    s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        Dataset b = DatasetStore.read(out);
        assertSame(a, b);
        assertTrue(Files.readString(out.resolve("dataset.json")).contains("\"personal\" : true"));
        assertEquals(12 + 5 * 25, Files.size(out.resolve("events.bin")));
    }

    @Test
    void round_trip_of_the_online_retail_sample(@TempDir Path dir) {
        Dataset a = sample();
        DatasetStore.write(a, dir);
        Dataset b = DatasetStore.read(dir);
        assertSame(a, b);
        IngestSummary s = DataSources.standard().ingest("dataset:" + dir, IngestOptions.defaults()).summary();
        assertEquals(a.events().size(), s.events());
        assertEquals(s.rowsRead(), s.accepted());
    }

    @Test
    void truncated_events_file_is_named(@TempDir Path dir) throws IOException {
        Dataset a = sample();
        DatasetStore.write(a, dir);
        Path ev = dir.resolve("events.bin");
        Files.write(ev, Arrays.copyOf(Files.readAllBytes(ev), 1000));
        CohortException e = assertThrows(CohortException.class, () -> DatasetStore.read(dir));
        assertTrue(e.getMessage().contains("events.bin: expected"), e.getMessage());
    }

    @Test
    void folder_without_schema_is_named(@TempDir Path dir) {
        CohortException e = assertThrows(CohortException.class, () -> DatasetStore.read(dir));
        assertTrue(e.getMessage().contains("dataset.json"), e.getMessage());
    }

    static void assertSame(Dataset a, Dataset b) {
        assertEquals(a.name(), b.name());
        assertEquals(a.users().ids().ids(), b.users().ids().ids());
        assertEquals(a.items().ids().ids(), b.items().ids().ids());
        for (AttributeColumn c : a.users().columns()) {
            AttributeColumn d = b.users().column(c.name());
            assertEquals(c.spec(), d.spec());
            for (int r = 0; r < a.users().size(); r++) {
                assertEquals(c.format(r), d.format(r), c.name() + " row " + r);
            }
        }
        for (AttributeColumn c : a.items().columns()) {
            AttributeColumn d = b.items().column(c.name());
            assertEquals(c.spec(), d.spec());
            for (int r = 0; r < a.items().size(); r++) {
                assertEquals(c.format(r), d.format(r), c.name() + " row " + r);
            }
        }
        for (int i = 0; i < a.items().size(); i++) {
            assertEquals(a.items().title(i), b.items().title(i));
            assertEquals(a.items().text(i), b.items().text(i));
            assertEquals(MovieLensReaderTest.categories(a.items(), i), MovieLensReaderTest.categories(b.items(), i));
        }
        assertEquals(a.events().types().names(), b.events().types().names());
        for (int e = 0; e < a.events().size(); e++) {
            assertEquals(a.events().user(e), b.events().user(e));
            assertEquals(a.events().item(e), b.events().item(e));
            assertEquals(a.events().type(e), b.events().type(e));
            assertEquals(Float.floatToIntBits(a.events().value(e)), Float.floatToIntBits(b.events().value(e)));
            assertEquals(Float.floatToIntBits(a.events().price(e)), Float.floatToIntBits(b.events().price(e)));
            assertEquals(a.events().time(e), b.events().time(e));
        }
    }
}
