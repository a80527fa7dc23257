package io.cohortlm.synth;

import io.cohortlm.CohortException;
import io.cohortlm.data.Users;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The planted segment of every user, kept apart from the {@link io.cohortlm.data.Dataset} so it can never leak
 * into a stage's input (it is not a user attribute). Saved beside a dataset as {@code truth.csv} with header
 * {@code user_id,segment,name}: external user id, segment index, segment name.
 *
 * @param segmentOfUser planted segment index of each dense user index, in [0, names.size()); the array is owned
 *                      by this record: do not modify it
 * @param names         segment names by index (theme keys such as {@code outdoors})
 */
public record GroundTruth(int[] segmentOfUser, List<String> names) {
    /** Conventional file name beside a dataset. */
    public static final String FILE_NAME = "truth.csv";

    public GroundTruth {
        Objects.requireNonNull(segmentOfUser, "segmentOfUser");
        names = List.copyOf(names);
        for (int i = 0; i < segmentOfUser.length; i++) {
            int s = segmentOfUser[i];
            if (s < 0 || s >= names.size()) {
                throw new IllegalArgumentException("segment of user " + i + " must be in [0, " + names.size()
                        + "), was " + s);
            }
        }
    }

    /** Planted segment of dense user {@code user}. */
    public int segment(int user) {
        return segmentOfUser[user];
    }

    public int userCount() {
        return segmentOfUser.length;
    }

    public int segmentCount() {
        return names.size();
    }

    /** Users per segment. */
    public int[] sizes() {
        int[] n = new int[names.size()];
        for (int s : segmentOfUser) {
            n[s]++;
        }
        return n;
    }

    /** Writes {@code user_id,segment,name} rows in dense user order (UTF-8). */
    public void write(Path file, Users users) throws IOException {
        if (users.size() != segmentOfUser.length) {
            throw new IllegalArgumentException("truth has " + segmentOfUser.length + " users, table has "
                    + users.size());
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("user_id,segment,name\n");
            StringBuilder sb = new StringBuilder(64);
            for (int u = 0; u < segmentOfUser.length; u++) {
                sb.setLength(0);
                sb.append(csv(users.ids().id(u))).append(',').append(segmentOfUser[u]).append(',')
                        .append(csv(names.get(segmentOfUser[u]))).append('\n');
                w.write(sb.toString());
            }
        }
    }

    /**
     * Reads a {@code truth.csv} for the users of a dataset. Every user of {@code users} must have a row; names are
     * taken from the optional third column (else {@code segment-<i>}).
     *
     * @throws CohortException naming the file and line on a malformed row, an unknown user or a missing user
     */
    public static GroundTruth read(Path file, Users users) {
        int[] seg = new int[users.size()];
        Arrays.fill(seg, -1);
        List<String> names = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.strip().toLowerCase(java.util.Locale.ROOT).startsWith("user_id,segment")) {
                throw new CohortException(file + ": line 1: expected header 'user_id,segment[,name]', was '"
                        + header + "'");
            }
            String line;
            int no = 1;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = splitCsv(line);
                if (f.size() < 2) {
                    throw new CohortException(file + ": line " + no + ": expected user_id,segment, was '" + line + "'");
                }
                int u = users.ids().indexOf(f.get(0));
                if (u < 0) {
                    throw new CohortException(file + ": line " + no + ": unknown user_id '" + f.get(0) + "'");
                }
                int s;
                try {
                    s = Integer.parseInt(f.get(1).strip());
                } catch (NumberFormatException e) {
                    throw new CohortException(file + ": line " + no + ": segment must be an integer >= 0, was '"
                            + f.get(1) + "'");
                }
                if (s < 0 || s > 100_000) {
                    throw new CohortException(file + ": line " + no + ": segment must be in [0, 100000], was " + s);
                }
                while (names.size() <= s) {
                    names.add(null);
                }
                if (f.size() > 2 && names.get(s) == null) {
                    names.set(s, f.get(2));
                }
                seg[u] = s;
            }
        } catch (IOException e) {
            throw new CohortException(file + ": cannot read: " + e.getMessage(), e);
        }
        for (int u = 0; u < seg.length; u++) {
            if (seg[u] < 0) {
                throw new CohortException(file + ": no row for user_id '" + users.ids().id(u) + "'");
            }
        }
        for (int s = 0; s < names.size(); s++) {
            if (names.get(s) == null) {
                names.set(s, "segment-" + s);
            }
        }
        return new GroundTruth(seg, names);
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
