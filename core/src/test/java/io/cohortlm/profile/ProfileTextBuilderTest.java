package io.cohortlm.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.CohortException;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import io.cohortlm.synth.SyntheticConfig;
import io.cohortlm.synth.SyntheticData;
import io.cohortlm.synth.SyntheticGenerator;
import io.cohortlm.synth.Theme;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class ProfileTextBuilderTest {
    private static final long DAY = 86_400L;
    private static final long T0 = 1_700_000_000L;

    /** Three users: u0 with everything, u1 without attributes, u2 without events. Prices and ratings known. */
    static Dataset tiny(boolean chinese) {
        Users users = new Users();
        var age = users.declare(new AttributeSpec("age", AttributeKind.NUMERIC, false));
        var gender = users.declare(new AttributeSpec("gender", AttributeKind.CATEGORICAL, false));
        var city = users.declare(new AttributeSpec("city", AttributeKind.CATEGORICAL, false));
        var email = users.declare(new AttributeSpec("email", AttributeKind.TEXT, true));
        int u0 = users.addRow("u0");
        users.addRow("u1");
        users.addRow("u2");
        age.setNumber(u0, 28);
        gender.setLevel(u0, chinese ? "女" : "female");
        city.setLevel(u0, chinese ? "上海" : "Shanghai");
        email.setText(u0, "ada@example.com");
        users.seal();
        Items items = new Items();
        String[][] it = chinese
                ? new String[][] {{"铸铁煎锅", "厨房"}, {"毛绒熊", "玩具"}, {"主厨刀", "厨房"}}
                : new String[][] {{"Cast iron skillet", "Kitchen"}, {"Plush bear", "Toys"}, {"Chef's knife", "Kitchen"}};
        for (String[] x : it) {
            int r = items.addRow("i" + items.size());
            items.setTitle(r, x[0]);
            items.setCategories(r, List.of(x[1]));
        }
        items.seal();
        Events ev = new Events();
        byte view = ev.types().code("view");
        byte purchase = ev.types().code("purchase");
        byte rating = ev.types().code("rating");
        ev.add(0, 0, purchase, 1, 30, T0);
        ev.add(0, 2, view, Float.NaN, Float.NaN, T0 + 7 * DAY);
        ev.add(1, 1, purchase, 1, 10, T0 + 30 * DAY);
        ev.add(0, 1, purchase, 2, 10, T0 + 14 * DAY);
        ev.add(0, 0, view, Float.NaN, Float.NaN, T0 + 21 * DAY);
        ev.add(0, 0, rating, 5, Float.NaN, T0 + 28 * DAY);
        ev.add(1, 1, rating, 2, Float.NaN, T0 + 30 * DAY);
        return new Dataset("tiny", users, items, ev);
    }

    private static ProfileTexts build(Dataset d, ProfileLanguage lang, int budget) {
        return new ProfileTextBuilder(ProfileConfig.defaults().withLanguage(lang).withTokenBudget(budget)).build(d);
    }

    @Test
    void english_profile_has_every_part_with_the_numbers_set_up() {
        ProfileTexts p = build(tiny(false), ProfileLanguage.EN, 512);
        assertEquals("Age 28, gender female, city Shanghai. Mostly Kitchen (80%), also Toys (20%). "
                + "Often: Cast iron skillet x3; Plush bear; Chef's knife. 5 events over 4 weeks, about weekly. "
                + "Last seen 2 days ago. Spends above the median (1.7x). Rates generously (5.0 of 5, 1 rating).",
                p.text(0));
        assertEquals("Mostly Toys (100%). Often: Plush bear x2. 2 events within one day. Last seen today. "
                + "Spends below the median (0.3x). Rates harshly (2.0 of 5, 1 rating).", p.text(1));
        assertEquals("No purchases.", p.text(2));
        assertEquals(0, p.shortened());
    }

    @Test
    void chinese_profile_uses_the_chinese_templates() {
        ProfileTexts p = build(tiny(true), ProfileLanguage.ZH, 512);
        assertEquals("年龄28岁，性别女，城市上海。主要关注厨房（80%），其次是玩具（20%）。常购：铸铁煎锅×3；毛绒熊；主厨刀。"
                + "4周内5次互动，约每周一次。最近活跃：2天前。消费高于中位数（1.7倍）。评分偏高（平均5.0分，满分5，共1次）。",
                p.text(0));
        assertEquals(ProfileLanguage.ZH, p.language());
    }

    @Test
    void personal_columns_never_appear() {
        for (boolean zh : new boolean[] {false, true}) {
            ProfileTexts p = build(tiny(zh), zh ? ProfileLanguage.ZH : ProfileLanguage.EN, 512);
            for (String t : p.texts()) {
                assertFalse(t.contains("ada@example.com") || t.contains("email"), t);
            }
        }
    }

    @Test
    void auto_language_follows_the_item_texts() {
        assertEquals(ProfileLanguage.ZH, build(tiny(true), ProfileLanguage.AUTO, 128).language());
        assertEquals(ProfileLanguage.EN, build(tiny(false), ProfileLanguage.AUTO, 128).language());
        SyntheticData zh = SyntheticGenerator.generate(SyntheticConfig.parse("users=100,lang=zh"));
        assertEquals(ProfileLanguage.ZH, ProfileLanguage.detect(zh.dataset()));
    }

    @Test
    void texts_never_exceed_the_budget_under_the_default_or_an_encoder_like_counter() {
        // A stricter counter than the estimate, like a real tokenizer on punctuation-heavy text: 1 per char / 3.
        ToIntFunction<String> strict = s -> 2 + (s.length() + 2) / 3 + (int) s.chars().filter(c -> c > 0x2E80).count();
        for (String lang : List.of("en", "zh")) {
            Dataset d = SyntheticGenerator.generate(SyntheticConfig.parse("users=150,seed=9,lang=" + lang)).dataset();
            for (int budget : new int[] {8, 24, 64, 128}) {
                for (ToIntFunction<String> counter : List.of(TokenEstimate::count, strict)) {
                    ProfileConfig c = ProfileConfig.defaults().withTokenBudget(budget);
                    ProfileTexts p = new ProfileTextBuilder(c, counter).build(d);
                    for (int u = 0; u < p.size(); u++) {
                        int tokens = counter.applyAsInt(p.text(u));
                        assertTrue(tokens <= budget, lang + " budget " + budget + ": " + tokens + " tokens in '"
                                + p.text(u) + "'");
                    }
                }
            }
        }
    }

    @Test
    void the_most_important_part_survives_a_tight_budget() {
        Dataset d = tiny(false);
        ProfileConfig titlesFirst = new ProfileConfig(ProfileLanguage.EN, 24, List.of(ProfilePart.TITLES,
                ProfilePart.CATEGORIES, ProfilePart.ATTRIBUTES, ProfilePart.ACTIVITY, ProfilePart.RECENCY,
                ProfilePart.SPEND));
        ProfileTexts p = new ProfileTextBuilder(titlesFirst).build(d);
        assertEquals("Often: Cast iron skillet x3; Plush bear; Chef's knife.", p.text(0));
        ProfileTexts q = new ProfileTextBuilder(titlesFirst.withTokenBudget(12)).build(d);
        assertEquals("Often: Cast iron skillet x3.", q.text(0));
        ProfileTexts r = new ProfileTextBuilder(ProfileConfig.defaults().withLanguage(ProfileLanguage.EN)
                .withTokenBudget(30)).build(d);
        assertTrue(r.text(0).startsWith("Mostly Kitchen (80%), also Toys (20%)."), r.text(0));
        assertFalse(r.text(0).contains("Last seen"), r.text(0));
        assertTrue(r.shortened() >= 1);
    }

    @Test
    void a_budget_too_small_for_the_top_part_cuts_the_text_with_an_ellipsis() {
        ProfileConfig c = new ProfileConfig(ProfileLanguage.EN, 8, List.of(ProfilePart.TITLES));
        ProfileTexts p = new ProfileTextBuilder(c).build(tiny(false));
        assertEquals("Often: Cast iron…", p.text(0));
        assertEquals("Often: Plush bear…", p.text(1));
        assertEquals(2, p.cut());
    }

    @Test
    void parts_not_configured_are_left_out() {
        ProfileConfig c = new ProfileConfig(ProfileLanguage.EN, 128, List.of(ProfilePart.RECENCY,
                ProfilePart.ATTRIBUTES));
        assertEquals("Age 28, gender female, city Shanghai. Last seen 2 days ago.",
                new ProfileTextBuilder(c).build(tiny(false)).text(0));
    }

    @Test
    void output_is_deterministic_and_independent_of_thread_count() throws Exception {
        Dataset d = SyntheticGenerator.generate(SyntheticConfig.parse("users=400,seed=4")).dataset();
        ProfileTextBuilder b = new ProfileTextBuilder(ProfileConfig.defaults());
        List<String> a = b.build(d).texts();
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            List<String> single = one.submit(() -> b.build(d).texts()).get();
            assertEquals(a, single);
        } finally {
            one.shutdown();
        }
        assertEquals(a, b.build(d).texts());
    }

    @Test
    void text_only_profiles_name_the_users_theme() {
        for (String lang : List.of("en", "zh")) {
            SyntheticData s = SyntheticGenerator.generate(SyntheticConfig.parse(
                    "users=300,seed=21,signals=text,lang=" + lang));
            ProfileTexts p = new ProfileTextBuilder(ProfileConfig.defaults()).build(s.dataset());
            int hit = 0;
            for (int u = 0; u < p.size(); u++) {
                Theme theme = s.themes().get(s.truth().segment(u));
                String text = p.text(u);
                if (theme.nouns(lang).stream().anyMatch(text::contains)) {
                    hit++;
                }
            }
            double share = hit / (double) p.size();
            assertTrue(share > 0.9, lang + ": profiles naming a noun of the user's theme: " + share);
        }
    }

    @Test
    void config_errors_name_field_and_value() {
        CohortException e = assertThrows(CohortException.class, () -> ProfileConfig.defaults().withTokenBudget(4));
        assertEquals("tokenBudget must be in [8, 8192], was 4", e.getMessage());
        e = assertThrows(CohortException.class, () -> ProfileConfig.defaults().withParts(List.of()));
        assertEquals("parts must not be empty, was []", e.getMessage());
        e = assertThrows(CohortException.class, () -> ProfileConfig.defaults()
                .withParts(List.of(ProfilePart.SPEND, ProfilePart.SPEND)));
        assertEquals("parts must not repeat a part, was [SPEND, SPEND]", e.getMessage());
    }

    @Test
    void token_estimate_counts_words_punctuation_and_cjk() {
        assertEquals(2, TokenEstimate.count(""));
        assertEquals(2 + 3 + 1, TokenEstimate.count("Cast iron.")); // ceil(2*1.3)=3 words, 1 mark
        assertEquals(2 + 4 + 1, TokenEstimate.count("露营灯帐。"));
    }
}
