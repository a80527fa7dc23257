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
 * load), and {@code forgotten.txt}, the pseudonyms of forgotten users (so an older bundle cannot bring one back).
 * Appends are flushed to disk before the request is answered. Thread-safe.
 */
final class ServiceState {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One logged event. */
    record Logged(String user, NewEvent event) {
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
        Path f = eventsFile();
        List<Logged> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (IOException torn) {
                    continue; // a torn last line from a crash: the event was never acknowledged
                }
                out.add(new Logged(o.path("user").asText(), new NewEvent(o.path("item").asText(),
                        o.path("type").asText(), o.has("value") ? (float) o.get("value").asDouble() : Float.NaN,
                        o.has("time") ? o.get("time").asLong() : io.cohortlm.data.Events.NO_TIME)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + f + ": " + e.getMessage(), e);
        }
    }
}
