package io.cohortlm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.ingest.DatasetStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentServiceTest {
    @TempDir
    static Path root;
    static ServingFixture.Built built;

    @BeforeAll
    static void build() {
        built = ServingFixture.build(root, 240);
    }

    private static SegmentService open(Path state) {
        return new SegmentService(built.bundle(), new SegmentService.Settings(5, 1, 3, 1000, state),
                new HashingEncoder(32), built.pseudonymizer());
    }

    private static String rawId(int u) {
        return built.data().users().ids().id(u);
    }

    private static List<NewEvent> eventsOf(Dataset d, int u) {
        List<NewEvent> out = new ArrayList<>();
        Events ev = d.events();
        for (int e = 0; e < ev.size(); e++) {
            if (ev.user(e) == u) {
                out.add(new NewEvent(d.items().ids().id(ev.item(e)), ev.typeName(e), ev.value(e), ev.time(e)));
            }
        }
        return out;
    }

    private static Map<String, String> attributesOf(Dataset d, int u) {
        Map<String, String> a = new LinkedHashMap<>();
        for (AttributeColumn c : d.users().columns()) {
            if (!c.isMissing(u)) {
                a.put(c.name(), c.format(u));
            }
        }
        return a;
    }

    @Test
    void a_known_user_is_found_by_raw_id_and_by_pseudonym_and_only_the_pseudonym_comes_back(@TempDir Path state) {
        try (SegmentService s = open(state)) {
            for (int u : new int[] {0, 7, 100}) {
                UserSegment byRaw = s.userSegment(rawId(u));
                UserSegment byPseudonym = s.userSegment(built.pseudonymizer().pseudonymize(rawId(u)));
                assertEquals(byRaw, byPseudonym);
                assertEquals(built.pseudonymizer().pseudonymize(rawId(u)), byRaw.user());
                int label = built.segmentation().labels()[u];
                assertEquals(built.segmentation().stableIds()[label], byRaw.segment());
                assertFalse(byRaw.reasons().isEmpty());
                assertTrue(byRaw.reasons().get(0).startsWith("nearest to the centre of"), byRaw.reasons().get(0));
            }
            ServiceException e = assertThrows(ServiceException.class, () -> s.userSegment("no-such-user"));
            assertEquals(ServiceException.Kind.UNKNOWN_USER, e.kind());
        }
    }

    @Test
    void recommendations_exclude_what_the_user_has_seen_and_carry_a_reason(@TempDir Path state) {
        try (SegmentService s = open(state)) {
            int u = 3;
            Set<String> seen = new HashSet<>();
            eventsOf(built.data(), u).forEach(e -> seen.add(e.item()));
            SegmentService.UserRecommendations r = s.recommendations(rawId(u), 10, true);
            assertEquals(10, r.items().size());
            for (Recommendation rec : r.items()) {
                assertFalse(seen.contains(rec.item()), rec.item() + " was already seen");
                assertFalse(rec.reason().isBlank());
            }
            SegmentService.UserRecommendations all = s.recommendations(rawId(u), 10, false);
            assertTrue(all.items().stream().anyMatch(x -> seen.contains(x.item())),
                    "with exclude_seen=false the best items include seen ones (planted tastes repeat)");
            assertThrows(ServiceException.class, () -> s.recommendations(rawId(u), 0, true));
            assertThrows(ServiceException.class, () -> s.recommendations(rawId(u), 101, true));
        }
    }

    @Test
    void a_new_user_described_like_a_training_user_lands_in_that_users_segment_without_refit(@TempDir Path state) {
        try (SegmentService s = open(state)) {
            int agree = 0;
            int tried = 0;
            for (int u = 0; u < 240; u += 12) {
                NewUser in = new NewUser(attributesOf(built.data(), u), null, eventsOf(built.data(), u));
                SegmentService.Assigned a = s.assign(in, 5);
                tried++;
                if (a.placement().segment() == s.userSegment(rawId(u)).segment()) {
                    agree++;
                }
                assertEquals(5, a.recommendations().size());
                assertTrue(a.viewsUsed().contains("behaviour"));
            }
            // The text view is missing for these (no profile text), so not every user lands exactly where the full
            // vector put them; planted segments are strong enough for most.
            assertTrue(agree >= tried * 0.8, agree + " of " + tried + " landed in their own segment");
        }
    }

    @Test
    void new_users_made_from_events_mostly_land_with_the_users_whose_events_they_copy(@TempDir Path state) {
        try (SegmentService s = open(state)) {
            int agree = 0;
            int tried = 0;
            for (int u = 1; u < 240; u += 16) {
                SegmentService.EventsApplied created = s.addEvents("copy-of-" + u, eventsOf(built.data(), u));
                tried++;
                if (created.segment() == s.userSegment(rawId(u)).segment()) {
                    agree++;
                }
            }
            assertTrue(agree >= tried * 0.55, agree + " of " + tried + " agree (events only, no text or attributes)");
        }
    }

    @Test
    void assign_reports_what_it_could_not_use_and_refuses_nothing_usable(@TempDir Path state) {
        try (SegmentService s = open(state)) {
            SegmentService.Assigned a = s.assign(new NewUser(Map.of("shoe_size", "44"), "camping lantern tent",
                    List.of(new NewEvent("no-such-item", "purchase", Float.NaN, Events.NO_TIME))), 3);
            assertTrue(a.profileTextUsed());
            assertEquals(List.of("shoe_size"), a.attributesIgnored());
            assertEquals(List.of("no-such-item"), a.unknownItems());
            ServiceException e = assertThrows(ServiceException.class, () -> s.assign(new NewUser(
                    Map.of("shoe_size", "44"), null, List.of()), 3));
            assertEquals(ServiceException.Kind.BAD_REQUEST, e.kind());
            assertTrue(e.getMessage().contains("shoe_size"), e.getMessage());
            assertThrows(ServiceException.class, () -> s.assign(new NewUser(Map.of(), null, List.of()), 3));
        }
    }

    @Test
    void events_move_a_user_in_real_time_and_survive_a_restart(@TempDir Path state) {
        int u = 5;
        int before;
        int eventsAfter;
        try (SegmentService s = open(state)) {
            before = s.userSegment(rawId(u)).events();
            // Everything a user of another segment bought, many times over: the user must move there.
            int other = -1;
            int mine = s.userSegment(rawId(u)).segment();
            for (int v = 0; v < 240 && other < 0; v++) {
                if (s.userSegment(rawId(v)).segment() != mine) {
                    other = v;
                }
            }
            List<NewEvent> theirs = new ArrayList<>();
            for (int rep = 0; rep < 20; rep++) {
                theirs.addAll(eventsOf(built.data(), other));
            }
            double distanceBefore = s.userSegment(rawId(u)).distance();
            SegmentService.EventsApplied r = s.addEvents(rawId(u), theirs);
            assertEquals(theirs.size(), r.accepted());
            assertEquals(mine, r.previousSegment());
            // Their behaviour and item-text blocks now point elsewhere (their profile text and attributes do not):
            // they move away from their segment's centre.
            UserSegment after = s.userSegment(rawId(u));
            assertEquals(r.segment(), after.segment());
            assertTrue(after.segment() != mine || after.distance() > distanceBefore + 0.1,
                    "moved: segment " + mine + " -> " + after.segment() + ", distance " + distanceBefore + " -> "
                            + after.distance());
            assertTrue(after.updated());
            assertEquals(before + theirs.size(), after.events());
            eventsAfter = after.events();
            // A brand-new user is created from events.
            SegmentService.EventsApplied created = s.addEvents("brand-new", eventsOf(built.data(), other));
            assertTrue(created.created());
            assertEquals(built.pseudonymizer().pseudonymize("brand-new"), created.user());
        }
        try (SegmentService again = open(state)) {
            assertEquals(eventsAfter, again.userSegment(rawId(u)).events());
            assertTrue(again.userSegment(rawId(u)).updated(), "received events are replayed after a restart");
            assertTrue(again.userSegment("brand-new").updated());
        }
    }

    @Test
    void forgetting_removes_the_user_from_memory_and_every_file_and_stays_forgotten(@TempDir Path tmp)
            throws Exception {
        ServingFixture.Built own = ServingFixture.build(tmp.resolve("own"), 120);
        Path state = tmp.resolve("state");
        String raw = own.data().users().ids().id(9);
        String pseudo = own.pseudonymizer().pseudonymize(raw);
        try (SegmentService s = new SegmentService(own.bundle(), new SegmentService.Settings(5, 1, 3, 100, state),
                new HashingEncoder(32), own.pseudonymizer())) {
            s.addEvents(raw, eventsOf(own.data(), 1));
            s.recommendations(raw, 5, true);
            SegmentService.Receipt r = s.forget(raw);
            assertEquals(pseudo, r.user());
            List<String> artefacts = r.removed().stream().map(SegmentService.Removal::artefact).toList();
            for (String a : List.of("memory:live-user", "memory:recommendation-cache", "disk:state/events.jsonl",
                    "disk:segments/members.csv", "disk:segments/map.f32", "disk:vectors/users.ids+users.f32",
                    "disk:data/users.csv", "disk:data/events.bin")) {
                assertTrue(artefacts.contains(a), a + " missing from " + artefacts);
            }
            assertThrows(ServiceException.class, () -> s.userSegment(raw));
            assertThrows(ServiceException.class, () -> s.recommendations(pseudo, 5, true));
            assertThrows(ServiceException.class, () -> s.forget(raw));
            assertThrows(ServiceException.class, () -> s.addEvents(raw, eventsOf(own.data(), 1)));
        }
        for (Path f : List.of(own.bundle().resolve("segments/members.csv"), own.bundle().resolve("vectors/users.ids"),
                own.bundle().resolve("data/users.csv"), state.resolve("events.jsonl"))) {
            assertFalse(Files.readString(f, StandardCharsets.UTF_8).contains(pseudo), f + " still names the user");
            assertFalse(Files.readString(f, StandardCharsets.UTF_8).contains(raw + ","), f + " has the raw id");
        }
        Dataset d = DatasetStore.read(own.bundle().resolve("data"));
        assertEquals(119, d.users().size());
        try (SegmentService again = new SegmentService(own.bundle(), new SegmentService.Settings(5, 1, 3, 100, state),
                new HashingEncoder(32), own.pseudonymizer())) {
            assertThrows(ServiceException.class, () -> again.userSegment(raw));
            assertEquals(119, again.health().users());
        }
    }
}
