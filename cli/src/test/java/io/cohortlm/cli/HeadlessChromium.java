package io.cohortlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, started for real (flags from FINDINGS.md), for browser tests of the HTML reports.
 * Missing Chromium fails the test when {@code CI=true} and skips it locally.
 */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** Loads {@code html} from disk, lets its scripts run, and returns the resulting DOM. */
    static String dumpDom(Path html) throws Exception {
        return dumpDom(html.toUri().toString(), 5000);
    }

    /**
     * Loads {@code url}, lets its scripts run for up to {@code budgetMs} of virtual time (which waits for pending
     * network requests), and returns the resulting DOM.
     */
    static String dumpDom(String url, int budgetMs) throws Exception {
        String browser = find();
        if (browser == null) {
            String msg = "headless Chromium not found (install Debian package 'chromium' or set CHROMIUM)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(msg + "; CI=true, so this is a failure, not a skip");
            }
            Assumptions.abort(msg + "; skipping locally");
        }
        Path profile = Files.createTempDirectory("cohortlm-chromium-");
        List<String> cmd = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + budgetMs, "--dump-dom", url));
        Path err = Files.createTempFile("cohortlm-chromium-", ".log");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 90 s");
        }
        assertEquals(0, p.exitValue(), Files.readString(err));
        return dom;
    }

    static int count(String s, String needle) {
        int c = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            c++;
        }
        return c;
    }

    private static String find() {
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            return new File(env).canExecute() ? env : null;
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File f = new File(d, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }
}
