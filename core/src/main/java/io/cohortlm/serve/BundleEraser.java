package io.cohortlm.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.data.Dataset;
import io.cohortlm.ingest.DatasetStore;
import io.cohortlm.store.FloatMatrixFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Removes one user from every file of a serving bundle on disk: the segment membership and map, the user vectors,
 * the data (user row and events) and the explanations' representative members. Works from the files themselves
 * (not from a loaded model), so several erasures before a reload stay consistent. Each file is replaced through a
 * temporary file and an atomic move. Callers serialise erasures.
 */
final class BundleEraser {
    private BundleEraser() {
    }

    static List<SegmentService.Removal> erase(Path bundle, String user) throws IOException {
        ServingBundle.Layout l = new ServingBundle.Layout(bundle);
        List<SegmentService.Removal> removed = new ArrayList<>();
        Path members = l.segments().resolve("members.csv");
        List<String> lines = Files.readAllLines(members, StandardCharsets.UTF_8);
        int row = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith(user + ",")) {
                row = i - 1;
                break;
            }
        }
        if (row >= 0) {
            lines.remove(row + 1);
            writeLines(members, lines);
            removed.add(new SegmentService.Removal("disk:segments/members.csv", "1 membership row"));
            dropRow(l.segments().resolve("map.f32"), row);
            removed.add(new SegmentService.Removal("disk:segments/map.f32", "1 map point"));
            Path ids = l.vectors().resolve("users.ids");
            List<String> idLines = Files.readAllLines(ids, StandardCharsets.UTF_8);
            if (row < idLines.size() && idLines.get(row).equals(user)) {
                idLines.remove(row);
                writeLines(ids, idLines);
                dropRow(l.vectors().resolve("users.f32"), row);
                removed.add(new SegmentService.Removal("disk:vectors/users.ids+users.f32", "1 id and its vector"));
            }
            Dataset d = DatasetStore.read(l.data());
            int u = d.users().ids().indexOf(user);
            if (u >= 0) {
                int events = 0;
                for (int e = 0; e < d.events().size(); e++) {
                    if (d.events().user(e) == u) {
                        events++;
                    }
                }
                final int drop = u;
                DatasetStore.write(DatasetCopy.of(d, x -> x != drop, x -> x, false), l.data());
                removed.add(new SegmentService.Removal("disk:data/users.csv", "1 user row"));
                removed.add(new SegmentService.Removal("disk:data/events.bin", events + " events"));
            }
        }
        Path ex = l.explanations();
        if (Files.isRegularFile(ex)) {
            JsonNode root = ServingBundle.JSON.readTree(ex.toFile());
            int n = 0;
            for (JsonNode s : root.path("segments")) {
                JsonNode reps = s.path("profile").path("representatives");
                if (reps instanceof ArrayNode arr) {
                    for (Iterator<JsonNode> it = arr.elements(); it.hasNext();) {
                        if (it.next().asText().equals(user)) {
                            it.remove();
                            n++;
                        }
                    }
                }
            }
            if (n > 0) {
                Path tmp = ex.resolveSibling(ex.getFileName() + ".tmp");
                ServingBundle.JSON.writeValue(tmp.toFile(), (ObjectNode) root);
                Files.move(tmp, ex, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                removed.add(new SegmentService.Removal("disk:explain/explanations.json",
                        n + " representative-member entr" + (n == 1 ? "y" : "ies")));
            }
        }
        return removed;
    }

    private static void writeLines(Path f, List<String> lines) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void dropRow(Path f, int row) {
        float[][] m = FloatMatrixFile.read(f);
        if (row >= m.length) {
            return;
        }
        int cols = m.length == 0 ? 0 : m[0].length;
        float[][] out = new float[m.length - 1][];
        for (int i = 0, j = 0; i < m.length; i++) {
            if (i != row) {
                out[j++] = m[i];
            }
        }
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        FloatMatrixFile.write(tmp, out, cols);
        try {
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
