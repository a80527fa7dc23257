package io.cohortlm.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.CohortException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the service itself writes, kept beside the bundle (a rebuilt bundle replaces its folder; this survives):
 * {@code events.jsonl}, the events received since the bundle was built (pseudonymised user ids, replayed on every
 * load), {@code items.jsonl}, the items added since (text, categories and their encoded vector, replayed on every
 * load), and {@code forgotten.txt}, the pseudonyms of forgotten users (so an older bundle cannot bring one back).
 * Appends are flushed to disk before the request is answered; a torn last line (a crash mid-write, never
 * acknowledged) is skipped on reading and never glued to the next record. Thread-safe.
 */
final class ServiceState {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One logged event. */
    record Logged(String user, NewEvent event) {
    }

    /** One logged item with its encoded vector. */
    record LoggedItem(NewItem item, float[] vector) {
    }

    private final Path dir;
    private final Set<String> forgotten = ConcurrentHashMap.newKeySet();

    ServiceState(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            Path f = forgottenFile();
            if (Files.exists(f)) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        forgotten.add(line.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new CohortException("cannot use service state folder " + dir + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    Path eventsFile() {
        return dir.resolve("events.jsonl");
    }

    Path itemsFile() {
        return dir.resolve("items.jsonl");
    }

    synchronized void appendItem(NewItem item, float[] vector) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", item.id());
        if (item.title() != null) {
            o.put("title", item.title());
        }
        if (item.text() != null) {
            o.put("text", item.text());
        }
        var cats = o.putArray("categories");
        item.categories().forEach(cats::add);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * vector.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            b.putFloat(v);
        }
        o.put("vector", java.util.Base64.getEncoder().encodeToString(b.array()));
        append(itemsFile(), o + "\n");
    }

    synchronized List<LoggedItem> items() {
        List<LoggedItem> out = new ArrayList<>();
        for (JsonNode o : records(itemsFile())) {
            byte[] raw;
            try {
                raw = java.util.Base64.getDecoder().decode(o.path("vector").asText());
            } catch (IllegalArgumentException torn) {
                continue;
            }
            if (!o.hasNonNull("id") || raw.length == 0 || raw.length % 4 != 0) {
                continue;
            }
            java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            List<String> cats = new ArrayList<>();
            o.path("categories").forEach(c -> cats.add(c.asText()));
            out.add(new LoggedItem(new NewItem(o.get("id").asText(), o.hasNonNull("title") ? o.get("title").asText()
                    : null, o.hasNonNull("text") ? o.get("text").asText() : null, cats), v));
        }
        return out;
    }

    /** The JSON records of a log, blank and torn lines (a crash mid-write, never acknowledged) skipped. */
    private static List<JsonNode> records(Path f) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException torn) {
                    // skipped: the write was never acknowledged
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    Path forgottenFile() {
        return dir.resolve("forgotten.txt");
    }

    boolean isForgotten(String pseudonym) {
        return forgotten.contains(pseudonym);
    }

    synchronized void appendEvents(String user, List<NewEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (NewEvent e : events) {
            ObjectNode o = JSON.createObjectNode();
            o.put("user", user);
            o.put("item", e.item());
            o.put("type", e.type());
            if (!Float.isNaN(e.value())) {
                o.put("value", e.value());
            }
            if (e.time() != io.cohortlm.data.Events.NO_TIME) {
                o.put("time", e.time());
            }
            sb.append(o).append('\n');
        }
        append(eventsFile(), sb.toString());
    }

    synchronized List<Logged> events() {
        List<Logged> out = new ArrayList<>();
        for (JsonNode o : records(eventsFile())) {
            out.add(new Logged(o.path("user").asText(), new NewEvent(o.path("item").asText(),
                    o.path("type").asText(), o.has("value") ? (float) o.get("value").asDouble() : Float.NaN,
                    o.has("time") ? o.get("time").asLong() : io.cohortlm.data.Events.NO_TIME)));
        }
        return out;
    }

    /** Records a forgotten user and drops their logged events; returns how many events were dropped. */
    synchronized int forget(String user) {
        forgotten.add(user);
        append(forgottenFile(), user + "\n");
        Path f = eventsFile();
        if (!Files.exists(f)) {
            return 0;
        }
        try {
            List<String> keep = new ArrayList<>();
            int dropped = 0;
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                boolean mine;
                try {
                    mine = JSON.readTree(line).path("user").asText().equals(user);
                } catch (IOException torn) {
                    mine = false;
                }
                if (mine) {
                    dropped++;
                } else if (!line.isBlank()) {
                    keep.add(line);
                }
            }
            if (dropped > 0) {
                Path tmp = dir.resolve("events.jsonl.tmp");
                Files.write(tmp, keep, StandardCharsets.UTF_8);
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return dropped;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> forgotten() {
        return new LinkedHashSet<>(forgotten);
    }

    private static void append(Path f, String text) {
        // One writer (callers hold this object's lock), so writing at the end is appending.
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size > 0) {
                // A torn last line (crash mid-append) must not swallow this record: end it first.
                java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') {
                    text = "\n" + text;
                }
            }
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            long at = size;
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + f + ": " + e.getMessage(), e);
        }
    }
}
