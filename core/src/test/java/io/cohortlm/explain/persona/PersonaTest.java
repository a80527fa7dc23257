package io.cohortlm.explain.persona;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cohortlm.CohortException;
import io.cohortlm.data.AttributeColumn;
import io.cohortlm.explain.PlantedSegments;
import io.cohortlm.explain.ProfileConfig;
import io.cohortlm.explain.SegmentProfiler;
import io.cohortlm.explain.SegmentProfiles;
import io.cohortlm.explain.SegmentedUsers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonaTest {
    static SegmentedUsers in;
    static SegmentProfiles profiles;
    static List<PersonaFacts> facts;
    static FaithfulnessChecker checker;

    HttpServer server;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile String replyContent;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        in = PlantedSegments.build(new int[] {60, 60, 60}, 7);
        profiles = new SegmentProfiler(ProfileConfig.defaults()).profile(in, PlantedSegments.PSEUDO);
        Set<String> personal = PersonaFacts.personalTerms(in.data());
        facts = profiles.segments().stream().map(p -> PersonaFacts.of(p, personal, 3)).toList();
        checker = FaithfulnessChecker.forDataset(in.data());
    }

    URI startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(body);
            if (failuresLeft.getAndDecrement() > 0) {
                ex.sendResponseHeaders(503, -1);
                ex.close();
                return;
            }
            String resp = new ObjectMapper().writeValueAsString(Map.of("choices",
                    List.of(Map.of("message", Map.of("role", "assistant", "content", replyContent)))));
            byte[] b = resp.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    ChatPersonaWriter writer(URI base, Path cache) {
        return new ChatPersonaWriter(new ChatEndpoint(base, "fake-model", "FAKE_KEY", Duration.ofSeconds(5), 2,
                Duration.ofMillis(10), cache, 0), "en", name -> name.equals("FAKE_KEY") ? "secret" : null);
    }

    @Test
    void template_personas_are_unique_and_fully_supported_in_both_languages() {
        for (TemplatePersonaWriter.Language lang : TemplatePersonaWriter.Language.values()) {
            List<Persona> ps = new TemplatePersonaWriter(lang).write(facts);
            assertEquals(3, ps.stream().map(Persona::name).distinct().count(), ps.toString());
            for (int i = 0; i < 3; i++) {
                Persona p = ps.get(i);
                FaithfulnessChecker.Result r = checker.check(p.name() + "\n" + p.description(), facts.get(i));
                assertEquals(1.0, r.score(), p + " → " + r);
                assertTrue(r.claims() >= 4, "a template states checkable numbers: " + r);
            }
            System.out.println(ps.get(0).name() + " — " + ps.get(0).description());
        }
        // identical facts still get unique names
        List<Persona> twins = new TemplatePersonaWriter(TemplatePersonaWriter.Language.EN)
                .write(List.of(facts.get(0), facts.get(0)));
        assertFalse(twins.get(0).name().equals(twins.get(1).name()));
    }

    @Test
    void segments_with_only_keywords_are_named_by_their_top_keywords() {
        PersonaFacts toys = new PersonaFacts("s0", 367, 30.58, List.of(), List.of(), List.of("孩子", "玩具", "开心"));
        PersonaFacts notes = new PersonaFacts("s1", 188, 15.67, List.of(), List.of(), List.of("笔记", "点阵"));
        List<Persona> zh = new TemplatePersonaWriter(TemplatePersonaWriter.Language.ZH).write(List.of(toys, notes));
        assertEquals("关注孩子、玩具的用户群", zh.get(0).name());
        assertEquals("关注笔记、点阵的用户群", zh.get(1).name());
        List<Persona> en = new TemplatePersonaWriter(TemplatePersonaWriter.Language.EN)
                .write(List.of(new PersonaFacts("s2", 50, 5, List.of(), List.of(), List.of("camping", "tent"))));
        assertEquals("Shoppers into camping, tent", en.get(0).name());
    }

    @Test
    void a_persona_with_false_numbers_is_caught_and_a_truthful_one_passes() throws Exception {
        URI base = startServer();
        PersonaFacts f = facts.get(0);
        PersonaFacts.AttributeFact france = f.attributes().stream()
                .filter(a -> "France".equals(a.levelName())).findFirst().orElseThrow();
        replyContent = "{\"name\": \"Young Campers\", \"description\": \"" + f.size() + " users, "
                + (int) Math.round(france.value()) + "% in France, " + f.categories().get(0).lift()
                + "× as likely to buy Camping.\"}";
        Persona ok = writer(base, null).write(f, checker);
        assertEquals(1.0, ok.faithfulness(), ok.toString());
        assertTrue(ok.unsupported().isEmpty());
        assertEquals("llm", ok.source());

        replyContent = "{\"name\": \"Young Campers\", \"description\": \"73% live in Germany and they are 4.5x more "
                + "likely to buy Kitchen goods; 999 members.\"}";
        Persona bad = writer(base, null).write(f, checker);
        System.out.println("false persona: " + bad);
        assertTrue(bad.faithfulness() < 0.01, bad.toString());
        assertEquals(5, bad.unsupported().size(), bad.unsupported().toString()); // 73%, 4.5x, 999, Germany, Kitchen
        assertTrue(bad.unsupported().stream().anyMatch(u -> u.startsWith("73%")));
        assertTrue(bad.unsupported().stream().anyMatch(u -> u.contains("'Germany'")));
        assertTrue(requests.get(0).contains("\"model\" : \"fake-model\""));
    }

    @Test
    void the_prompt_carries_no_individual_users_data() throws Exception {
        URI base = startServer();
        replyContent = "{\"name\":\"X\",\"description\":\"\"}";
        ChatPersonaWriter w = writer(base, null);
        for (PersonaFacts f : facts) {
            w.write(f, checker);
        }
        assertEquals(3, requests.size());
        for (String prompt : requests) {
            for (int u = 0; u < in.data().users().size(); u++) {
                String id = in.data().users().ids().id(u);
                assertFalse(prompt.matches("(?s).*\\b" + id + "\\b.*"), "user id " + id + " in prompt");
                assertFalse(prompt.contains(PlantedSegments.PSEUDO.apply(id)), "pseudonym of " + id + " in prompt");
                for (AttributeColumn c : in.data().users().columns()) {
                    if (c.spec().personal()) {
                        assertFalse(prompt.contains(c.format(u)), "personal value of " + id + " in prompt");
                    }
                }
                String row = in.data().users().column("country").level(u) + ","
                        + in.data().users().column("age").format(u);
                assertFalse(prompt.contains(row));
            }
            assertFalse(prompt.contains("example.com"));
        }
        assertEquals(requests.get(0), w.dryRun(facts.get(0)), "dry run shows the exact request body");
    }

    @Test
    void retries_on_5xx_then_caches_on_disk() throws Exception {
        URI base = startServer();
        replyContent = "{\"name\":\"Cached\",\"description\":\"ok\"}";
        failuresLeft.set(2);
        Path cache = dir.resolve("cache");
        Persona p = writer(base, cache).write(facts.get(1), checker);
        assertEquals("Cached", p.name());
        assertEquals(3, requests.size(), "two 503s then success");
        replyContent = "{\"name\":\"Different\",\"description\":\"ok\"}";
        assertEquals("Cached", writer(base, cache).write(facts.get(1), checker).name());
        assertEquals(3, requests.size(), "served from the cache");
        failuresLeft.set(10);
        CohortException e = assertThrows(CohortException.class, () -> writer(base, null).write(facts.get(2), checker));
        assertTrue(e.getMessage().contains("failed after 3 attempt(s): HTTP 503"), e.getMessage());
    }

    @Test
    void overrides_persist_by_stable_id_and_must_stay_unique() throws Exception {
        List<Persona> ps = new TemplatePersonaWriter(TemplatePersonaWriter.Language.EN).write(facts);
        Path file = dir.resolve("names.json");
        PersonaOverrides.load(file).with(facts.get(2).segmentKey(), "Weekend Gardeners").save(file);
        List<Persona> named = PersonaOverrides.load(file).apply(ps);
        assertEquals("Weekend Gardeners", named.get(2).name());
        assertEquals("override", named.get(2).source());
        assertEquals(ps.get(0).name(), named.get(0).name());
        PersonaOverrides clash = new PersonaOverrides(Map.of(facts.get(0).segmentKey(), ps.get(1).name()));
        assertThrows(CohortException.class, () -> clash.apply(ps));
    }

    @Test
    void keywords_matching_personal_values_are_redacted() {
        var p = profiles.segments().get(0);
        var kws = new ArrayList<>(p.keywords());
        kws.add(new io.cohortlm.explain.SegmentProfile.Keyword("person7", 1, 50));
        kws.add(new io.cohortlm.explain.SegmentProfile.Keyword("rare", 1, 1));
        var q = new io.cohortlm.explain.SegmentProfile(p.segment(), p.key(), p.size(), p.share(), p.distinguishing(),
                p.categories(), p.items(), kws, p.representatives());
        PersonaFacts f = PersonaFacts.of(q, new HashSet<>(PersonaFacts.personalTerms(in.data())), 3);
        assertFalse(f.keywords().contains("person7"));
        assertFalse(f.keywords().contains("rare"));
        assertTrue(f.keywords().contains("camping"));
    }
}
