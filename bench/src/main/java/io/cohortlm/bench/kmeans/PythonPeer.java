package io.cohortlm.bench.kmeans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the embedded {@code sklearn_kmeans.py} with a system Python (Debian {@code python3-sklearn}): scikit-learn's
 * KMeans and numpy's FP32 matrix-multiply rate. A missing interpreter or module is reported, never fatal.
 */
final class PythonPeer {
    /** A result, or why there is none. */
    record Outcome(JsonNode json, String error) {
        boolean ok() {
            return json != null;
        }
    }

    private final String python;
    private final Path script;

    PythonPeer(String python, Path scratch) throws IOException {
        this.python = python;
        this.script = scratch.resolve("sklearn_kmeans.py");
        try (InputStream in = PythonPeer.class.getResourceAsStream("sklearn_kmeans.py")) {
            Files.write(script, in.readAllBytes());
        }
    }

    Outcome gemm() {
        return call(List.of("gemm"), 600);
    }

    Outcome kmeans(Path data, Path init, int iterations) {
        return call(List.of("kmeans", data.toString(), init.toString(), Integer.toString(iterations)), 3600);
    }

    private Outcome call(List<String> args, long timeoutSeconds) {
        if (!Files.isExecutable(Path.of(python))) {
            return new Outcome(null, python + " not found (apt-get install -y python3-sklearn)");
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(args);
        try {
            Path log = Files.createTempFile("cohortlm-py", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Outcome(null, "timed out after " + timeoutSeconds + " s");
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            if (p.exitValue() != 0 || !last.startsWith("{")) {
                return new Outcome(null, "exit " + p.exitValue() + ": " + String.join(" | ",
                        lines.subList(Math.max(0, lines.size() - 3), lines.size())));
            }
            return new Outcome(new ObjectMapper().readTree(last), null);
        } catch (IOException e) {
            return new Outcome(null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }
}
