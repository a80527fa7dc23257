package io.cohortlm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.CohortException;
import io.cohortlm.represent.UserVectors;
import io.cohortlm.segment.SegmentBundle;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cohortlm assign}: place new vectors into an existing model's segments, without refitting. */
@Command(name = "assign", mixinStandardHelpOptions = true,
        description = "Assign new user vectors to a model's segments (no refit): segment, distance, confidence "
                + "(margin to the runner-up), runner-up, outlier flag.")
final class AssignCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Model bundle.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Vectors: a folder written by 'cohortlm embed', a .jsonl file of {\"id\":…, \"vector\":[…]}, "
                    + "or a .csv file of id,v1,…,vd.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .csv or .jsonl.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private record Row(String id, float[] vector) {
    }

    @Override
    public Integer call() throws IOException {
        SegmentBundle bundle = SegmentBundle.read(model);
        List<Row> rows = read(bundle);
        boolean jsonl = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        int outliers = 0;
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            boolean fine = bundle.fine() != null;
            if (!jsonl) {
                w.write("id,segment,distance,confidence,runner_up,outlier" + (fine ? ",fine_segment" : "") + "\n");
            }
            for (Row r : rows) {
                SegmentBundle.Placement p = bundle.assign(r.vector());
                outliers += p.outlier() ? 1 : 0;
                if (jsonl) {
                    var node = JSON.createObjectNode().put("id", r.id()).put("segment", p.segment())
                            .put("distance", p.distance()).put("confidence", p.confidence())
                            .put("runner_up", p.runnerUp()).put("outlier", p.outlier());
                    if (fine) {
                        node.put("fine_segment", p.fine());
                    }
                    w.write(JSON.writeValueAsString(node));
                    w.write('\n');
                } else {
                    w.write(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%d,%b%s%n", csv(r.id()), p.segment(),
                            p.distance(), p.confidence(), p.runnerUp(), p.outlier(), fine ? "," + p.fine() : ""));
                }
            }
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "assigned %,d vectors (%,d outliers) -> %s%n", rows.size(),
                outliers, out);
        return Main.EXIT_OK;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private List<Row> read(SegmentBundle bundle) throws IOException {
        int d = bundle.model().dimension();
        List<Row> rows = new ArrayList<>();
        if (Files.isDirectory(input)) {
            UserVectors v = UserVectors.read(input);
            if (!Objects.equals(v.encoder(), bundle.encoder())) {
                throw new CohortException("vectors in " + input + " come from encoder " + v.encoder()
                        + " but the model was fitted on " + bundle.encoder() + "; vectors of two encoders cannot be mixed");
            }
            for (int i = 0; i < v.vectors().length; i++) {
                rows.add(new Row(v.userIds().get(i), check(v.vectors()[i], d, input + " row " + (i + 1))));
            }
            return rows;
        }
        if (!Files.isRegularFile(input)) {
            throw new CohortException(input + ": no such file or folder");
        }
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                String where = input + ":" + no;
                if (name.endsWith(".jsonl")) {
                    JsonNode n;
                    try {
                        n = JSON.readTree(line);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new CohortException(where + ": not valid JSON: " + e.getOriginalMessage());
                    }
                    JsonNode vec = n.get("vector");
                    if (vec == null || !vec.isArray()) {
                        throw new CohortException(where + ": missing array field 'vector'");
                    }
                    float[] v = new float[vec.size()];
                    for (int i = 0; i < v.length; i++) {
                        if (!vec.get(i).isNumber()) {
                            throw new CohortException(where + ": vector[" + i + "] is not a number: " + vec.get(i));
                        }
                        v[i] = (float) vec.get(i).asDouble();
                    }
                    rows.add(new Row(n.path("id").asText("row" + no), check(v, d, where)));
                } else if (name.endsWith(".csv")) {
                    String[] p = line.split(",");
                    if (no == 1 && !p[p.length - 1].strip().matches("[-+0-9.eE]+")) {
                        continue; // header
                    }
                    float[] v = new float[p.length - 1];
                    for (int i = 1; i < p.length; i++) {
                        try {
                            v[i - 1] = Float.parseFloat(p[i].strip());
                        } catch (NumberFormatException e) {
                            throw new CohortException(where + ": column " + (i + 1) + " is not a number: '" + p[i] + "'");
                        }
                    }
                    rows.add(new Row(p[0], check(v, d, where)));
                } else {
                    throw new CohortException(input + ": unknown input type; use a vectors folder, .jsonl or .csv");
                }
            }
        }
        return rows;
    }

    private static float[] check(float[] v, int d, String where) {
        if (v.length != d) {
            throw new CohortException(where + ": vector has " + v.length + " values, the model expects " + d);
        }
        for (float f : v) {
            if (!Float.isFinite(f)) {
                throw new CohortException(where + ": vector contains a non-finite value");
            }
        }
        return v;
    }
}
