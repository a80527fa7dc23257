package io.cohortlm.profile;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Interactions;
import io.cohortlm.data.Items;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/**
 * Writes one deterministic natural-language profile per user, e.g. <i>"Age 28, gender female, city Seattle.
 * Mostly Kitchen (60%), also Toys (25%). Often: Cast iron skillet x3. 14 events over 5 months, about weekly.
 * Last seen 3 days ago. Spends above the median (2.1x)."</i> (Chinese templates likewise), fitted to a token budget.
 * <p>Fitting: parts are always written in {@link ProfilePart} order; while the text is over budget under the
 * token counter, the least important part (last in {@link ProfileConfig#parts()}) is shortened one step (fewer
 * categories/titles/attributes) or dropped, then the next. If the most important part alone, at its shortest,
 * is still over budget, the text is cut to the longest prefix that fits (ending in "…"). So every text satisfies
 * {@code tokenCounter.applyAsInt(text) <= tokenBudget}, provided the counter gives at most the budget for "…".
 * <p>Per-user statistics come from one pass over the user's events ({@link Interactions}); users are written in
 * parallel, and the result does not depend on the thread count. Thread-safe if the token counter is (an
 * {@code Encoder::countTokens} is).
 */
public final class ProfileTextBuilder {
    private static final int MAX_CATEGORIES = 4;
    private static final int MAX_KEYWORDS = 6;
    private static final int MAX_TITLES = 5;
    private static final int MAX_TEXT_ATTRIBUTE = 100;
    private static final double RATING_TENDENCY = 0.4;

    private final ProfileConfig config;
    private final ToIntFunction<String> tokenCounter;

    /** A builder counting tokens with {@link TokenEstimate#count(String)}. */
    public ProfileTextBuilder(ProfileConfig config) {
        this(config, TokenEstimate::count);
    }

    /**
     * @param tokenCounter counts the encoder's tokens in a text, e.g. {@code encoder::countTokens}; must be
     *                     thread-safe
     */
    public ProfileTextBuilder(ProfileConfig config, ToIntFunction<String> tokenCounter) {
        this.config = Objects.requireNonNull(config, "config");
        this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter");
    }

    public ProfileConfig config() {
        return config;
    }

    /** Profiles of every user of {@code dataset}. */
    public ProfileTexts build(Dataset dataset) {
        return build(dataset, Interactions.byUser(dataset));
    }

    /** Profiles of every user, reusing an already built per-user index of {@code dataset}'s events. */
    public ProfileTexts build(Dataset dataset, Interactions byUser) {
        long t0 = System.nanoTime();
        ProfileLanguage lang = config.language().resolve(dataset);
        Phrasing ph = lang == ProfileLanguage.ZH ? new Phrasing.Chinese() : new Phrasing.English();
        DatasetFacts facts = new DatasetFacts(dataset, byUser);
        int n = dataset.users().size();
        String[] out = new String[n];
        AtomicInteger shortened = new AtomicInteger();
        AtomicInteger cut = new AtomicInteger();
        ThreadLocal<Writer> writers = ThreadLocal.withInitial(() -> new Writer(facts, ph));
        IntStream.range(0, n).parallel().forEach(u -> {
            Writer w = writers.get();
            out[u] = w.fit(w.parts(u), lang, shortened, cut);
        });
        return new ProfileTexts(Collections.unmodifiableList(Arrays.asList(out)), lang, config.tokenBudget(),
                shortened.get(), cut.get(), (System.nanoTime() - t0) / 1e9);
    }

    /** Writes one user's parts; holds per-thread scratch counters sized to the dataset. */
    private final class Writer {
        private final DatasetFacts f;
        private final Phrasing ph;
        private final int[] catCount;
        private final int[] wordCount;
        private final int[] titleCount;
        private final IntList touchedCats = new IntList();
        private final IntList touchedWords = new IntList();
        private final IntList touchedTitles = new IntList();

        Writer(DatasetFacts f, Phrasing ph) {
            this.f = f;
            this.ph = ph;
            catCount = new int[f.useCategories ? f.dataset.items().categoryCount() : 0];
            wordCount = new int[f.useCategories ? 0 : f.words.length];
            titleCount = new int[f.titles.length];
        }

        /** Renderings of each part from fullest to "" (last), indexed by {@link ProfilePart#ordinal()}. */
        @SuppressWarnings("unchecked")
        List<String>[] parts(int u) {
            List<String>[] levels = new List[ProfilePart.values().length];
            Events ev = f.dataset.events();
            Items items = f.dataset.items();
            Interactions in = f.byUser;
            int n = in.count(u);
            int withCategory = 0;
            long first = Events.NO_TIME;
            long last = Events.NO_TIME;
            for (int k = in.start(u); k < in.end(u); k++) {
                int e = in.event(k);
                int item = ev.item(e);
                long t = ev.time(e);
                if (t != Events.NO_TIME) {
                    first = first == Events.NO_TIME ? t : first;
                    last = t;
                }
                int title = f.itemTitle[item];
                if (title >= 0) {
                    bump(titleCount, touchedTitles, title);
                }
                if (f.useCategories) {
                    int[] cats = items.categories(item);
                    withCategory += cats.length > 0 ? 1 : 0;
                    for (int c : cats) {
                        bump(catCount, touchedCats, c);
                    }
                } else if (title >= 0) {
                    for (int w : f.titleWords[title]) {
                        bump(wordCount, touchedWords, w);
                    }
                }
            }
            levels[ProfilePart.ATTRIBUTES.ordinal()] = attributeLevels(u);
            levels[ProfilePart.CATEGORIES.ordinal()] = f.useCategories ? categoryLevels(withCategory)
                    : keywordLevels();
            levels[ProfilePart.TITLES.ordinal()] = titleLevels();
            levels[ProfilePart.ACTIVITY.ordinal()] = activityLevels(n, first, last);
            levels[ProfilePart.RECENCY.ordinal()] = last == Events.NO_TIME || f.lastTime == Events.NO_TIME
                    ? List.of("") : List.of(ph.recency((f.lastTime - last) / 86_400L), "");
            levels[ProfilePart.SPEND.ordinal()] = spendLevels(u);
            return levels;
        }

        private List<String> attributeLevels(int u) {
            List<String[]> pairs = new ArrayList<>();
            for (AttributeColumn c : f.attributes) {
                String v = c.format(u);
                if (v == null || v.isBlank()) {
                    continue;
                }
                if (c.kind() == AttributeKind.TEXT) {
                    v = DatasetFacts.shorten(v.strip().replaceAll("\\s+", " "), MAX_TEXT_ATTRIBUTE);
                }
                pairs.add(new String[] {c.name(), v});
            }
            List<String> levels = new ArrayList<>();
            for (int m = pairs.size(); m >= 0; m--) {
                levels.add(ph.attributes(pairs.subList(0, m)));
            }
            return levels;
        }

        private List<String> categoryLevels(int withCategory) {
            int[] top = top(touchedCats, catCount, null, MAX_CATEGORIES);
            List<String> levels = new ArrayList<>();
            for (int m = top.length; m >= 1; m = m > 2 ? 2 : m - 1) {
                List<String> names = new ArrayList<>();
                double[] shares = new double[m];
                for (int i = 0; i < m; i++) {
                    names.add(f.dataset.items().categoryName(top[i]));
                    shares[i] = catCount[top[i]] / (double) withCategory;
                }
                levels.add(ph.categories(names, shares));
            }
            clear(touchedCats, catCount);
            levels.add("");
            return levels;
        }

        private List<String> keywordLevels() {
            int[] top = top(touchedWords, wordCount, f.idf, MAX_KEYWORDS);
            List<String> levels = new ArrayList<>();
            for (int m = top.length; m >= 1; m = m > 3 ? 3 : m - 1) {
                List<String> ws = new ArrayList<>();
                for (int i = 0; i < m; i++) {
                    ws.add(f.words[top[i]]);
                }
                levels.add(ph.keywords(ws));
            }
            clear(touchedWords, wordCount);
            levels.add("");
            return levels;
        }

        private List<String> titleLevels() {
            int[] top = top(touchedTitles, titleCount, null, MAX_TITLES);
            List<String> levels = new ArrayList<>();
            for (int m = top.length; m >= 1; m = m > 3 ? 3 : m - 1) {
                List<String> ts = new ArrayList<>();
                int[] counts = new int[m];
                for (int i = 0; i < m; i++) {
                    ts.add(f.titles[top[i]]);
                    counts[i] = titleCount[top[i]];
                }
                levels.add(ph.titles(ts, counts));
            }
            clear(touchedTitles, titleCount);
            levels.add("");
            return levels;
        }

        private List<String> activityLevels(int n, long first, long last) {
            if (n == 0) {
                return List.of("");
            }
            if (first == Events.NO_TIME) {
                return List.of(ph.activity(n, -1, 0, false), "");
            }
            double days = (last - first) / 86_400.0;
            double perWeek = n / Math.max(days / 7.0, 1.0);
            String full = ph.activity(n, days, perWeek, false);
            String brief = ph.activity(n, days, perWeek, true);
            return brief.isEmpty() || brief.equals(full) ? List.of(full, "") : List.of(full, brief, "");
        }

        private List<String> spendLevels(int u) {
            String spend = "";
            if (f.hasSpend) {
                spend = ph.spend(f.spend[u] > 0 ? f.spend[u] / f.medianSpend : Double.NaN);
            }
            String rating = "";
            if (f.ratingCount[u] > 0) {
                double mean = f.ratingSum[u] / f.ratingCount[u];
                int tendency = mean >= f.ratingMean + RATING_TENDENCY ? 1
                        : mean <= f.ratingMean - RATING_TENDENCY ? -1 : 0;
                rating = ph.rating(mean, f.ratingCount[u], f.ratingMax, tendency);
            }
            List<String> levels = new ArrayList<>();
            String both = ph.join(List.of(spend, rating));
            if (!both.isEmpty()) {
                levels.add(both);
            }
            if (!spend.isEmpty() && !rating.isEmpty()) {
                levels.add(spend);
            }
            levels.add("");
            return levels;
        }

        /** Fits the parts to the budget (see the class comment). */
        String fit(List<String>[] levels, ProfileLanguage lang, AtomicInteger shortened, AtomicInteger cut) {
            int[] at = new int[levels.length];
            boolean[] included = new boolean[levels.length];
            for (ProfilePart p : config.parts()) {
                included[p.ordinal()] = true;
            }
            List<ProfilePart> importance = config.parts();
            int budget = config.tokenBudget();
            boolean stepped = false;
            while (true) {
                String text = render(levels, at, included);
                if (text.isEmpty()) {
                    text = lang == ProfileLanguage.ZH ? "暂无记录。" : "No activity yet.";
                }
                if (tokenCounter.applyAsInt(text) <= budget) {
                    if (stepped) {
                        shortened.incrementAndGet();
                    }
                    return text;
                }
                int step = -1;
                for (int i = importance.size() - 1; i >= 0 && step < 0; i--) {
                    int p = importance.get(i).ordinal();
                    if (at[p] < levels[p].size() - 1 && !(i == 0 && at[p] == levels[p].size() - 2)) {
                        step = p;
                    }
                }
                if (step < 0) {
                    shortened.incrementAndGet();
                    cut.incrementAndGet();
                    return cutToBudget(text, budget);
                }
                at[step]++;
                stepped = true;
            }
        }

        private String render(List<String>[] levels, int[] at, boolean[] included) {
            List<String> sentences = new ArrayList<>();
            for (ProfilePart p : ProfilePart.values()) {
                if (included[p.ordinal()]) {
                    String s = levels[p.ordinal()].get(at[p.ordinal()]);
                    if (!s.isEmpty()) {
                        sentences.add(s);
                    }
                }
            }
            return ph.join(sentences);
        }

        /** Longest code-point prefix that, with "…", fits the budget; "" if none does. */
        private String cutToBudget(String text, int budget) {
            int[] cps = text.codePoints().toArray();
            int lo = 0;
            int hi = cps.length;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (tokenCounter.applyAsInt(new String(cps, 0, mid).strip() + "…") <= budget) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            String s = new String(cps, 0, lo).strip() + "…";
            return tokenCounter.applyAsInt(s) <= budget ? s : "";
        }

        private void bump(int[] count, IntList touched, int id) {
            if (count[id]++ == 0) {
                touched.add(id);
            }
        }

        private void clear(IntList touched, int[] count) {
            for (int i = 0; i < touched.size; i++) {
                count[touched.a[i]] = 0;
            }
            touched.size = 0;
        }

        /** Up to {@code max} touched ids by count (times weight, if given) descending, then id ascending. */
        private int[] top(IntList touched, int[] count, double[] weight, int max) {
            Integer[] ids = new Integer[touched.size];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = touched.a[i];
            }
            Arrays.sort(ids, (x, y) -> {
                double sx = weight == null ? count[x] : count[x] * weight[x];
                double sy = weight == null ? count[y] : count[y] * weight[y];
                return sx != sy ? Double.compare(sy, sx) : Integer.compare(x, y);
            });
            int m = Math.min(max, ids.length);
            int[] out = new int[m];
            for (int i = 0; i < m; i++) {
                out[i] = ids[i];
            }
            return out;
        }
    }

    /** A growable int list for scratch use. */
    private static final class IntList {
        int[] a = new int[64];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }
    }
}
