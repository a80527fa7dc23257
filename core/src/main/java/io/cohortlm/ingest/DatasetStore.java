package io.cohortlm.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cohortlm.CohortException;
import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.AttributeTable;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The normalised on-disk form of a {@link Dataset}: a folder with {@code users.csv} and {@code items.csv}
 * (human-readable; first column {@code id}; items then {@code title, text, categories} with categories joined by
 * {@code |}; then one column per attribute, empty = missing), {@code events.bin} (columnar little-endian binary,
 * 25 bytes an event, see {@link #EVENTS_MAGIC}) and {@code dataset.json} (schema: attribute specs with personal
 * flags, event types, counts). Rows keep their dense index order, so ids and codes survive a round trip.
 * Files are written under temporary names and moved into place, {@code dataset.json} last: a folder with a
 * {@code dataset.json} is complete.
 */
public final class DatasetStore {
    /** Format tag in dataset.json. */
    public static final String FORMAT = "cohortlm-dataset";
    /** Current version of the folder layout. */
    public static final int VERSION = 1;
    /** First 8 bytes of events.bin; then int count, then the columns user, item, type, value, price, time. */
    public static final String EVENTS_MAGIC = "CLMEVT01";
    static final int EVENT_BYTES = 4 + 4 + 1 + 4 + 4 + 8;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The schema in dataset.json. */
    public record Schema(@JsonProperty("format") String format, @JsonProperty("version") int version,
            @JsonProperty("name") String name, @JsonProperty("users") int users, @JsonProperty("items") int items,
            @JsonProperty("events") int events, @JsonProperty("user_attributes") List<AttributeSpec> userAttributes,
            @JsonProperty("item_attributes") List<AttributeSpec> itemAttributes,
            @JsonProperty("event_types") List<String> eventTypes,
            @JsonProperty("events_file") String eventsFile) {
    }

    private DatasetStore() {
    }

    /** Writes {@code d} into {@code dir} (created if needed; existing dataset files are replaced). */
    public static void write(Dataset d, Path dir) {
        try {
            Files.createDirectories(dir);
            Path users = tmp(dir, "users.csv");
            Path items = tmp(dir, "items.csv");
            Path events = tmp(dir, "events.bin");
            Path schema = tmp(dir, "dataset.json");
            writeTable(d.users(), null, users);
            writeTable(d.items(), d.items(), items);
            writeEvents(d.events(), events);
            Schema s = new Schema(FORMAT, VERSION, d.name(), d.users().size(), d.items().size(), d.events().size(),
                    specs(d.users()), specs(d.items()), d.events().types().names(), "events.bin");
            JSON.writeValue(schema.toFile(), s);
            move(users, dir.resolve("users.csv"));
            move(items, dir.resolve("items.csv"));
            move(events, dir.resolve("events.bin"));
            move(schema, dir.resolve("dataset.json"));
        } catch (IOException e) {
            throw new CohortException("cannot write dataset to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a folder written by {@link #write}; fails naming the file on any inconsistency. */
    public static Dataset read(Path dir) {
        InputFiles.requireDirectory(dir, "dataset");
        Path schemaFile = dir.resolve("dataset.json");
        InputFiles.requireFile(schemaFile, "dataset schema (dataset.json)");
        Schema s;
        try {
            s = JSON.readValue(schemaFile.toFile(), Schema.class);
        } catch (IOException e) {
            throw new CohortException(schemaFile + ": not a dataset schema: " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
        }
        if (!FORMAT.equals(s.format()) || s.version() != VERSION) {
            throw new CohortException(schemaFile + ": expected format " + FORMAT + " version " + VERSION + ", found "
                    + s.format() + " version " + s.version());
        }
        Users users = new Users();
        Items items = new Items();
        readTable(dir.resolve("users.csv"), users, null, orEmpty(s.userAttributes()), s.users());
        readTable(dir.resolve("items.csv"), items, items, orEmpty(s.itemAttributes()), s.items());
        Events events = readEvents(dir.resolve(s.eventsFile() == null ? "events.bin" : s.eventsFile()), s);
        return new Dataset(s.name() == null ? dir.getFileName().toString() : s.name(), users, items, events);
    }

    /** Reads only the schema of a dataset folder. */
    public static Schema schema(Path dir) {
        try {
            return JSON.readValue(dir.resolve("dataset.json").toFile(), Schema.class);
        } catch (IOException e) {
            throw new CohortException(dir.resolve("dataset.json") + ": " + e.getMessage(), e);
        }
    }

    private static List<AttributeSpec> orEmpty(List<AttributeSpec> l) {
        return l == null ? List.of() : l;
    }

    private static List<AttributeSpec> specs(AttributeTable t) {
        return t.columns().stream().map(AttributeColumn::spec).toList();
    }

    private static Path tmp(Path dir, String name) {
        return dir.resolve("." + name + ".tmp");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeTable(AttributeTable t, Items items, Path file) throws IOException {
        List<AttributeColumn> cols = t.columns();
        List<String> header = new ArrayList<>();
        header.add("id");
        if (items != null) {
            header.addAll(List.of("title", "text", "categories"));
        }
        cols.forEach(c -> header.add(c.name()));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            p.printRecord(header);
            List<String> row = new ArrayList<>(header.size());
            for (int r = 0; r < t.size(); r++) {
                row.clear();
                row.add(t.ids().id(r));
                if (items != null) {
                    row.add(items.title(r));
                    row.add(items.text(r));
                    int[] cats = items.categories(r);
                    StringBuilder sb = new StringBuilder();
                    for (int c : cats) {
                        sb.append(sb.length() == 0 ? "" : "|").append(items.categoryName(c));
                    }
                    row.add(sb.toString());
                }
                for (AttributeColumn c : cols) {
                    row.add(c.format(r));
                }
                p.printRecord(row);
            }
        }
    }

    private static void readTable(Path file, AttributeTable t, Items items, List<AttributeSpec> specs, int rows) {
        InputFiles.requireFile(file, "dataset");
        AttributeColumn[] cols = specs.stream().map(t::declare).toArray(AttributeColumn[]::new);
        int fixed = items != null ? 4 : 1;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().get().parse(r)) {
            boolean header = true;
            for (CSVRecord rec : p) {
                if (header) {
                    header = false;
                    continue;
                }
                if (rec.size() != fixed + cols.length) {
                    throw new CohortException(file + ":" + p.getCurrentLineNumber() + ": expected "
                            + (fixed + cols.length) + " fields, found " + rec.size());
                }
                int row = t.addRow(rec.get(0));
                if (items != null) {
                    items.setTitle(row, emptyToNull(rec.get(1)));
                    items.setText(row, emptyToNull(rec.get(2)));
                    String cats = rec.get(3);
                    if (!cats.isEmpty()) {
                        items.setCategories(row, Arrays.asList(cats.split("\\|")));
                    }
                }
                for (int i = 0; i < cols.length; i++) {
                    String v = emptyToNull(rec.get(fixed + i));
                    switch (cols[i].kind()) {
                        case NUMERIC -> cols[i].setNumber(row, v == null ? Double.NaN : Double.parseDouble(v));
                        case CATEGORICAL -> cols[i].setLevel(row, v);
                        case TEXT -> cols[i].setText(row, v);
                        default -> throw new IllegalStateException();
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException | NumberFormatException e) {
            throw new CohortException(file + ": unreadable: " + e.getMessage(), e);
        }
        t.seal();
        if (t.size() != rows) {
            throw new CohortException(file + ": dataset.json says " + rows + " rows, found " + t.size()
                    + " (duplicate ids or a truncated file)");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static void writeEvents(Events e, Path file) throws IOException {
        int n = e.size();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            buf.put(EVENTS_MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(n);
            for (int col = 0; col < 6; col++) {
                for (int i = 0; i < n; i++) {
                    if (buf.remaining() < 8) {
                        drain(ch, buf);
                    }
                    switch (col) {
                        case 0 -> buf.putInt(e.user(i));
                        case 1 -> buf.putInt(e.item(i));
                        case 2 -> buf.put(e.type(i));
                        case 3 -> buf.putFloat(e.value(i));
                        case 4 -> buf.putFloat(e.price(i));
                        default -> buf.putLong(e.time(i));
                    }
                }
            }
            drain(ch, buf);
        }
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    private static Events readEvents(Path file, Schema s) {
        InputFiles.requireFile(file, "dataset events");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long expected = 12L + (long) s.events() * EVENT_BYTES;
            if (size != expected) {
                throw new CohortException(file + ": expected " + expected + " bytes for " + s.events()
                        + " events, found " + size + " (truncated or from another dataset)");
            }
            ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[8];
            buf.get(magic);
            if (!EVENTS_MAGIC.equals(new String(magic, StandardCharsets.US_ASCII)) || buf.getInt() != s.events()) {
                throw new CohortException(file + ": not a " + EVENTS_MAGIC + " events file for " + s.events()
                        + " events");
            }
            int n = s.events();
            int[] user = new int[n];
            int[] item = new int[n];
            byte[] type = new byte[n];
            float[] value = new float[n];
            float[] price = new float[n];
            long[] time = new long[n];
            buf.asIntBuffer().get(user);
            buf.position(buf.position() + 4 * n);
            buf.asIntBuffer().get(item);
            buf.position(buf.position() + 4 * n);
            buf.get(type);
            buf.asFloatBuffer().get(value);
            buf.position(buf.position() + 4 * n);
            buf.asFloatBuffer().get(price);
            buf.position(buf.position() + 4 * n);
            buf.asLongBuffer().get(time);
            Events e = new Events(n);
            List<String> types = s.eventTypes() == null ? List.of() : s.eventTypes();
            types.forEach(e.types()::code);
            for (int i = 0; i < n; i++) {
                if (user[i] < 0 || user[i] >= s.users() || item[i] < 0 || item[i] >= s.items() || type[i] < 0
                        || type[i] >= types.size()) {
                    throw new CohortException(file + ": event " + i + " refers to user " + user[i] + ", item "
                            + item[i] + ", type " + type[i] + " outside the tables (" + s.users() + " users, "
                            + s.items() + " items, " + types.size() + " types)");
                }
                e.add(user[i], item[i], type[i], value[i], price[i], time[i]);
            }
            return e;
        } catch (IOException e) {
            throw new CohortException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
