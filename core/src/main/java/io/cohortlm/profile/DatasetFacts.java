package io.cohortlm.profile;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.EventTypes;
import io.cohortlm.data.Events;
import io.cohortlm.data.Interactions;
import io.cohortlm.data.Items;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Dataset-wide facts a profile is written against, computed once: distinct item titles and their words (with
 * inverse document frequencies), whether categories are usable, the last timestamp, per-user spend and ratings,
 * the median spend and mean rating. One pass over items and one over events.
 */
final class DatasetFacts {
    /** Titles longer than this (in code points) are shortened for display. */
    static final int MAX_TITLE = 60;
    private static final Set<String> STOPWORDS = Set.of("the", "a", "an", "and", "or", "of", "for", "with", "in", "on",
            "to", "by", "from", "at", "is", "your", "set", "pack", "pcs", "x", "de");

    final Dataset dataset;
    final Interactions byUser;
    final boolean useCategories;
    /** Distinct title id of each item row (-1: none). */
    final int[] itemTitle;
    final String[] titles;
    /** Distinct word ids of each distinct title. */
    final int[][] titleWords;
    final String[] words;
    final double[] idf;
    /** Last timestamp over all events, or {@link Events#NO_TIME}. */
    final long lastTime;
    final double[] spend;
    final boolean hasSpend;
    final double medianSpend;
    final double[] ratingSum;
    final int[] ratingCount;
    final double ratingMean;
    final double ratingMax;
    final List<AttributeColumn> attributes;

    DatasetFacts(Dataset d, Interactions byUser) {
        this.dataset = d;
        this.byUser = byUser;
        Items items = d.items();
        Events ev = d.events();
        int nItems = items.size();

        Map<String, Integer> titleIds = new HashMap<>();
        List<String> titleList = new ArrayList<>();
        List<Integer> titleItemCount = new ArrayList<>();
        itemTitle = new int[nItems];
        int withCategories = 0;
        for (int i = 0; i < nItems; i++) {
            String t = items.title(i);
            if (t == null || t.isBlank()) {
                t = items.text(i);
            }
            if (t == null || t.isBlank()) {
                itemTitle[i] = -1;
            } else {
                t = shorten(t.strip(), MAX_TITLE);
                Integer id = titleIds.get(t);
                if (id == null) {
                    id = titleList.size();
                    titleIds.put(t, id);
                    titleList.add(t);
                    titleItemCount.add(0);
                }
                titleItemCount.set(id, titleItemCount.get(id) + 1);
                itemTitle[i] = id;
            }
        }
        titles = titleList.toArray(new String[0]);

        Map<String, Integer> wordIds = new HashMap<>();
        List<String> wordList = new ArrayList<>();
        List<Integer> df = new ArrayList<>();
        titleWords = new int[titles.length][];
        for (int t = 0; t < titles.length; t++) {
            List<String> toks = words(titles[t]);
            int[] ids = new int[toks.size()];
            for (int j = 0; j < ids.length; j++) {
                Integer id = wordIds.get(toks.get(j));
                if (id == null) {
                    id = wordList.size();
                    wordIds.put(toks.get(j), id);
                    wordList.add(toks.get(j));
                    df.add(0);
                }
                ids[j] = id;
                df.set(id, df.get(id) + titleItemCount.get(t));
            }
            titleWords[t] = ids;
        }
        words = wordList.toArray(new String[0]);
        idf = new double[words.length];
        for (int w = 0; w < words.length; w++) {
            idf[w] = Math.log(1.0 + (double) nItems / Math.max(1, df.get(w)));
        }

        int purchase = ev.types().find(EventTypes.PURCHASE);
        int rating = ev.types().find(EventTypes.RATING);
        int nUsers = d.users().size();
        spend = new double[nUsers];
        ratingSum = new double[nUsers];
        ratingCount = new int[nUsers];
        long last = Events.NO_TIME;
        boolean anySpend = false;
        double rSum = 0;
        long rCount = 0;
        double rMax = 0;
        int eventsWithCategory = 0;
        for (int e = 0; e < ev.size(); e++) {
            last = Math.max(last, ev.time(e));
            int u = ev.user(e);
            if (items.categories(ev.item(e)).length > 0) {
                eventsWithCategory++;
            }
            if (ev.type(e) == purchase && !Float.isNaN(ev.price(e))) {
                float q = ev.value(e);
                spend[u] += (Float.isNaN(q) ? 1 : q) * ev.price(e);
                anySpend = true;
            } else if (ev.type(e) == rating && !Float.isNaN(ev.value(e))) {
                ratingSum[u] += ev.value(e);
                ratingCount[u]++;
                rSum += ev.value(e);
                rCount++;
                rMax = Math.max(rMax, ev.value(e));
            }
        }
        useCategories = items.categoryCount() > 0 && eventsWithCategory * 2 >= ev.size();
        lastTime = last;
        hasSpend = anySpend;
        medianSpend = anySpend ? median(spend) : Double.NaN;
        ratingMean = rCount > 0 ? rSum / rCount : Double.NaN;
        ratingMax = rMax;
        List<AttributeColumn> cols = new ArrayList<>();
        for (AttributeColumn c : d.users().columns()) {
            if (!c.spec().personal()) {
                cols.add(c);
            }
        }
        attributes = List.copyOf(cols);
    }

    /** Median of the positive values (spenders only). */
    private static double median(double[] v) {
        double[] pos = Arrays.stream(v).filter(x -> x > 0).sorted().toArray();
        if (pos.length == 0) {
            return Double.NaN;
        }
        int m = pos.length / 2;
        return pos.length % 2 == 1 ? pos[m] : (pos[m - 1] + pos[m]) / 2;
    }

    /**
     * Lower-cased words of a title: runs of letters and digits (apostrophes and hyphens inside a word kept), without
     * stop words, one-letter words and numbers; CJK runs of up to 4 characters are kept whole, longer runs become
     * character bigrams (Chinese has no spaces between words). Distinct, in order of first appearance.
     */
    static List<String> words(String title) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean cjk = false;
        for (int i = 0; i <= title.length(); ) {
            int cp = i < title.length() ? title.codePointAt(i) : ' ';
            i += i < title.length() ? Character.charCount(cp) : 1;
            boolean isCjk = ProfileLanguage.isCjk(cp);
            boolean inWord = Character.isLetterOrDigit(cp)
                    || ((cp == '\'' || cp == '-') && cur.length() > 0 && !cjk);
            if (inWord && cur.length() > 0 && isCjk != cjk) {
                emit(cur, cjk, out);
            }
            if (inWord) {
                cjk = isCjk;
                cur.appendCodePoint(cp);
            } else {
                emit(cur, cjk, out);
            }
        }
        return out;
    }

    private static void emit(StringBuilder cur, boolean cjk, List<String> out) {
        if (cur.length() == 0) {
            return;
        }
        String w = cur.toString();
        cur.setLength(0);
        if (cjk) {
            int n = w.codePointCount(0, w.length());
            if (n <= 4) {
                addDistinct(out, w);
            } else {
                int[] cps = w.codePoints().toArray();
                for (int j = 0; j + 1 < cps.length; j++) {
                    addDistinct(out, new String(cps, j, 2));
                }
            }
            return;
        }
        while (!w.isEmpty() && (w.endsWith("'") || w.endsWith("-"))) {
            w = w.substring(0, w.length() - 1);
        }
        w = w.toLowerCase(Locale.ROOT);
        if (w.length() < 2 || STOPWORDS.contains(w) || w.chars().allMatch(Character::isDigit)) {
            return;
        }
        addDistinct(out, w);
    }

    private static void addDistinct(List<String> out, String w) {
        if (!out.contains(w)) {
            out.add(w);
        }
    }

    /** At most {@code max} code points, with "…" when cut. */
    static String shorten(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)).strip() + "…";
    }
}
