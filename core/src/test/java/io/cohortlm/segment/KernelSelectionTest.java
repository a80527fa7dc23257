package io.cohortlm.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The kernel is chosen at run time: a JVM without {@code jdk.incubator.vector} falls back to scalar and says why. */
class KernelSelectionTest {
    private static String probe(String... jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void without_the_incubator_module_the_scalar_kernel_is_used_and_logged() throws Exception {
        String out = probe();
        assertTrue(out.contains("k-means kernel: scalar (module jdk.incubator.vector not present"), out);
        assertTrue(out.contains("kernel=scalar sizes=[2, 2]"), out);
    }

    @Test
    void with_the_incubator_module_the_vector_kernel_is_used() throws Exception {
        String out = probe("--add-modules", "jdk.incubator.vector");
        assertTrue(out.contains("kernel=vector("), out);
    }
}
