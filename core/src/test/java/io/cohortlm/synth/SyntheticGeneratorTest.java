package io.cohortlm.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.CohortException;
import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGeneratorTest {
    @Test
    void same_seed_gives_an_identical_dataset_and_truth() {
        SyntheticConfig c = SyntheticConfig.parse("users=800,seed=11");
        SyntheticData a = SyntheticGenerator.generate(c);
        SyntheticData b = SyntheticGenerator.generate(c);
        assertEquals(fingerprint(a.dataset()), fingerprint(b.dataset()));
        assertArrayEquals(a.truth().segmentOfUser(), b.truth().segmentOfUser());
        assertEquals(a.truth().names(), b.truth().names());
    }

    @Test
    void another_seed_gives_another_dataset() {
        SyntheticData a = SyntheticGenerator.generate(SyntheticConfig.parse("users=300,seed=1"));
        SyntheticData b = SyntheticGenerator.generate(SyntheticConfig.parse("users=300,seed=2"));
        assertNotEquals(fingerprint(a.dataset()), fingerprint(b.dataset()));
    }

    @Test
    void every_signal_mode_is_deterministic() {
        for (String signals : List.of("none", "attributes", "behaviour", "text", "all")) {
            SyntheticConfig c = SyntheticConfig.parse("users=200,seed=3,lang=zh,eventdist=lognormal,signals=" + signals);
            assertEquals(fingerprint(SyntheticGenerator.generate(c).dataset()),
                    fingerprint(SyntheticGenerator.generate(c).dataset()), signals);
        }
    }

    @Test
    void dataset_has_the_documented_shape() {
        SyntheticData s = SyntheticGenerator.generate(SyntheticConfig.parse("users=500,segments=4,seed=5"));
        Dataset d = s.dataset();
        assertEquals(500, d.users().size());
        assertEquals(List.of("age", "gender", "city", "spend_level"),
                d.users().columns().stream().map(AttributeColumn::name).toList());
        assertEquals(500, s.truth().userCount());
        assertEquals(4, s.truth().segmentCount());
        assertEquals(4, s.themes().size());
        for (int seg = 0; seg < 4; seg++) {
            assertEquals(s.themes().get(seg).key(), s.truth().names().get(seg));
            assertTrue(s.truth().sizes()[seg] > 50, "segment " + seg + " is tiny: " + s.truth().sizes()[seg]);
        }
        assertEquals(List.of("view", "click", "cart", "purchase", "rating"), d.events().types().names());
        Events ev = d.events();
        int[] perUser = new int[500];
        int purchases = 0;
        for (int e = 0; e < ev.size(); e++) {
            perUser[ev.user(e)]++;
            long t = ev.time(e);
            assertTrue(t >= SyntheticGenerator.START_EPOCH_SECONDS
                    && t < SyntheticGenerator.START_EPOCH_SECONDS + SyntheticGenerator.PERIOD_SECONDS, "time " + t);
            String type = ev.typeName(e);
            if (type.equals("purchase")) {
                purchases++;
                assertTrue(ev.value(e) >= 1 && ev.price(e) > 0);
            } else if (type.equals("rating")) {
                assertTrue(ev.value(e) >= 1 && ev.value(e) <= 5);
            } else if (!type.equals("cart")) {
                assertTrue(Float.isNaN(ev.value(e)) && Float.isNaN(ev.price(e)));
            }
        }
        assertTrue(purchases > 0);
        for (int u = 0; u < 500; u++) {
            assertTrue(perUser[u] >= 1, "user " + u + " has no events");
        }
        double mean = ev.size() / 500.0;
        assertTrue(mean > 6.5 && mean < 9.5, "mean events per user " + mean);
        Items items = d.items();
        for (int i = 0; i < items.size(); i++) {
            assertNotNull(items.title(i));
            assertNotNull(items.text(i));
            assertTrue(items.column("price").number(i) > 0);
        }
    }

    @Test
    void ground_truth_is_not_an_attribute_of_the_dataset() {
        SyntheticData s = SyntheticGenerator.generate(SyntheticConfig.parse("users=200"));
        for (AttributeColumn c : s.dataset().users().columns()) {
            assertTrue(Set.of("age", "gender", "city", "spend_level").contains(c.name()), c.name());
        }
        assertNull(s.dataset().users().column("segment"));
    }

    @Test
    void items_carry_categories_only_when_text_is_not_planted() {
        Items withText = SyntheticGenerator.generate(SyntheticConfig.parse("users=200,signals=text")).dataset().items();
        assertEquals(0, withText.categoryCount());
        Items noText = SyntheticGenerator.generate(SyntheticConfig.parse("users=200,signals=behaviour")).dataset()
                .items();
        assertEquals(2000, noText.size());
        for (int i = 0; i < noText.size(); i++) {
            assertEquals(1, noText.categories(i).length);
        }
    }

    @Test
    void chinese_data_has_chinese_titles_cities_and_levels() {
        SyntheticData s = SyntheticGenerator.generate(SyntheticConfig.parse("users=300,lang=zh,signals=behaviour"));
        Users users = s.dataset().users();
        assertTrue(Themes.CITIES_ZH.containsAll(users.column("city").levels()));
        assertEquals(List.of("女", "男"), users.column("gender").levels());
        Items items = s.dataset().items();
        for (int i = 0; i < 50; i++) {
            assertTrue(items.title(i).codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                    == Character.UnicodeScript.HAN), items.title(i));
            String category = items.categoryName(items.categories(i)[0]);
            assertTrue(Themes.ALL.stream().anyMatch(t -> t.nameZh().equals(category)), category);
        }
    }

    @Test
    void texts_per_theme_are_limited_to_the_configured_number() {
        SyntheticData s = SyntheticGenerator.generate(SyntheticConfig.parse("users=2000,signals=text,texts=40"));
        Items items = s.dataset().items();
        long distinct = java.util.stream.IntStream.range(0, items.size()).mapToObj(items::fullText).distinct().count();
        assertTrue(items.size() > 5000, "items " + items.size());
        assertTrue(distinct <= 40L * Themes.ALL.size(), "distinct texts " + distinct);
    }

    @Test
    void truth_csv_round_trips_beside_a_dataset(@TempDir Path dir) throws Exception {
        SyntheticData s = SyntheticGenerator.generate(SyntheticConfig.parse("users=150,segments=3"));
        Path f = dir.resolve(GroundTruth.FILE_NAME);
        s.truth().write(f, s.dataset().users());
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals("user_id,segment,name", lines.get(0));
        assertEquals(151, lines.size());
        GroundTruth back = GroundTruth.read(f, s.dataset().users());
        assertArrayEquals(s.truth().segmentOfUser(), back.segmentOfUser());
        assertEquals(s.truth().names(), back.names());
    }

    @Test
    void truth_csv_errors_name_file_line_and_value(@TempDir Path dir) throws Exception {
        SyntheticData s = SyntheticGenerator.generate(SyntheticConfig.parse("users=100,segments=2"));
        Path f = dir.resolve("truth.csv");
        Files.writeString(f, "user_id,segment\nu0,1\nnobody,0\n");
        CohortException e = assertThrows(CohortException.class, () -> GroundTruth.read(f, s.dataset().users()));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("'nobody'"), e.getMessage());
        Files.writeString(f, "user_id,segment\nu0,x\n");
        e = assertThrows(CohortException.class, () -> GroundTruth.read(f, s.dataset().users()));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'x'"), e.getMessage());
        Files.writeString(f, "user_id,segment\nu0,1\n");
        e = assertThrows(CohortException.class, () -> GroundTruth.read(f, s.dataset().users()));
        assertTrue(e.getMessage().contains("no row for user_id 'u1'"), e.getMessage());
    }

    /** SHA-256 over a canonical dump of every table. */
    static String fingerprint(Dataset d) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder();
            Users users = d.users();
            for (int u = 0; u < users.size(); u++) {
                sb.append(users.ids().id(u));
                for (AttributeColumn c : users.columns()) {
                    sb.append('|').append(c.format(u));
                }
                sb.append('\n');
            }
            Items items = d.items();
            for (int i = 0; i < items.size(); i++) {
                sb.append(items.ids().id(i)).append('|').append(items.fullText(i)).append('|')
                        .append(java.util.Arrays.toString(items.categories(i))).append('|')
                        .append(items.column("price").number(i)).append('\n');
            }
            md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
            Events ev = d.events();
            StringBuilder eb = new StringBuilder();
            for (int e = 0; e < ev.size(); e++) {
                eb.setLength(0);
                eb.append(ev.user(e)).append(',').append(ev.item(e)).append(',').append(ev.type(e)).append(',')
                        .append(ev.value(e)).append(',').append(ev.price(e)).append(',').append(ev.time(e)).append('\n');
                md.update(eb.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
