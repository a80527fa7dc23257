package io.cohortlm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.serve.HashingEncoder;
import io.cohortlm.serve.SegmentService;
import io.cohortlm.serve.ServingFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard in headless Chromium against the real server: map, segment cards, user lookup, new user. */
class DashboardBrowserTest {
    static final String KEY = ServerApiTest.KEY;
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void the_dashboard_shows_the_map_and_segment_cards_and_looks_a_user_up(@TempDir Path root) throws Exception {
        ServingFixture.Built built = ServingFixture.build(root, 200);
        try (SegmentService service = new SegmentService(built.bundle(), new SegmentService.Settings(5, 1, 3, 100,
                root.resolve("state")), new HashingEncoder(32), built.pseudonymizer());
                CohortServer server = CohortServer.start(service, ServerConfig.defaults(0, KEY, built.bundle()));
                Browser b = Browser.launch()) {
            String base = "http://127.0.0.1:" + server.port();
            b.navigate(base + "/#key=" + KEY);
            b.waitFor("document.body.dataset.ready === 'true'", WAIT);
            assertEquals("\"\"", b.eval("location.hash"), "the key is taken out of the address bar");
            assertEquals("3", b.eval("document.querySelectorAll('.segment-card').length"));
            int points = Integer.parseInt(b.waitFor("document.querySelector('#map').getAttribute('data-points')",
                    WAIT).replace("\"", ""));
            assertEquals(service.mapSize(), points, "every map point is drawn");
            int first = service.segments().get(0).id();
            b.eval("document.querySelector('.segment-card[data-segment=\"" + first + "\"]').click()");
            b.waitFor("document.querySelector('#segment-detail').getAttribute('data-segment') === '" + first + "'",
                    WAIT);

            String raw = built.data().users().ids().id(17);
            int expected = service.userSegment(raw).segment();
            b.eval("document.querySelector('#lookup-input').value = " + new ObjectMapper().writeValueAsString(raw)
                    + "; document.querySelector('#lookup-button').click()");
            String seg = b.waitFor("document.querySelector('#lookup-result').getAttribute('data-segment')", WAIT);
            assertEquals("\"" + expected + "\"", seg);
            String counts = b.eval("[document.querySelectorAll('#lookup-result .reason').length, "
                    + "document.querySelectorAll('#lookup-result .rec').length]");
            List<Integer> c = List.of(new ObjectMapper().readValue(counts, Integer[].class));
            assertTrue(c.get(0) >= 1, "reasons shown: " + counts);
            assertEquals(10, c.get(1), "recommendations shown: " + counts);
            assertTrue(b.eval("document.querySelector('#lookup-result').textContent")
                    .contains(built.pseudonymizer().pseudonymize(raw)), "the pseudonym is shown");

            b.eval("document.querySelector('#lookup-input').value = 'nobody'; "
                    + "document.querySelector('#lookup-button').click()");
            String err = b.waitFor("!document.querySelector('#lookup-error').hidden && "
                    + "document.querySelector('#lookup-error').textContent", WAIT);
            assertTrue(err.contains("unknown_user"), err);

            b.eval("document.querySelector('#assign-text').value = 'camping lantern and a tent'; "
                    + "document.querySelector('#assign-button').click()");
            b.waitFor("document.querySelector('#assign-result').getAttribute('data-segment')", WAIT);

            // Audience form: a product text gives ranked segments and a sample of pseudonymised users.
            b.eval("document.querySelector('#audience-text').value = 'camping lantern with a hook'; "
                    + "document.querySelector('#audience-button').click()");
            String segs = b.waitFor("document.querySelector('#audience-result').getAttribute('data-segments')", WAIT);
            assertTrue(Integer.parseInt(segs.replace("\"", "")) >= 1, segs);
            String users = b.eval("Array.from(document.querySelectorAll('#audience-result tbody tr td:first-child'))"
                    + ".map(td => td.textContent).join(',')");
            assertTrue(users.contains("u_"), "pseudonymised users listed: " + users);
            // Empty text: an error in the form, not a request.
            b.eval("document.querySelector('#audience-text').value = ''; "
                    + "document.querySelector('#audience-button').click()");
            b.waitFor("!document.querySelector('#audience-error').hidden", WAIT);

            List<String> errors = b.consoleErrors().stream().filter(e -> !e.startsWith("log/network")).toList();
            assertEquals(List.of(), errors, "no script or CSP errors");
            b.screenshot(root.resolve("dashboard.png"));
        }
    }
}
