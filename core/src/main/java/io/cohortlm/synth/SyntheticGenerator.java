package io.cohortlm.synth;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.EventTypes;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a dataset with planted segments and its ground truth, straight into the columnar tables. How each
 * {@link Signal} is planted, and why text-only data carries no id-level signal, is in docs/synthetic.md.
 * <p>Deterministic: all randomness flows from {@link SyntheticConfig#seed()} through one {@link SplittableRandom}
 * consumed in a fixed order, so the same config gives an identical dataset (ids, attributes, items, events in the
 * same order). Single-threaded; measured 2–4 s of CPU for 1,000,000 users with 8 events each (text mode is the
 * dearer one: it creates about one item row per planted event).
 */
public final class SyntheticGenerator {
    /** Events are spread over one year starting 2025-01-01T00:00:00Z. */
    public static final long START_EPOCH_SECONDS = 1_735_689_600L;
    /** Length of the simulated period, in seconds (365 days). */
    public static final long PERIOD_SECONDS = 365L * 86_400L;

    /** Zipf exponent of item popularity over the shared catalogue. */
    static final double ZIPF_EXPONENT = 1.0;
    /** Event type mix (view, click, cart, purchase, rating), cumulative. */
    private static final double[] TYPE_CDF = cumulative(new double[] {0.45, 0.20, 0.10, 0.17, 0.08});
    /** Rating values 1..5, cumulative: ratings do not depend on the segment. */
    private static final double[] RATING_CDF = cumulative(new double[] {0.05, 0.07, 0.15, 0.35, 0.38});

    private SyntheticGenerator() {
    }

    /** Generates the dataset and ground truth for {@code config}. */
    public static SyntheticData generate(SyntheticConfig config) {
        return new Run(config).generate();
    }

    /** One generation: its random stream and the partly built tables. */
    private static final class Run {
        private final SyntheticConfig c;
        private final String lang;
        private final SplittableRandom rng;
        private final boolean text;
        private final boolean behaviour;
        private final boolean attributes;
        private final int k;

        private final Items items = new Items();
        private final AttributeColumn priceColumn;
        private float[] itemPrice = new float[1024];
        /** titles[theme][j], bodies[theme][j]: the distinct texts of each theme (shared String instances). */
        private final String[][] titles;
        private final String[][] bodies;
        private final double[] zipfCdf;
        private final long[] permA;
        private final long[] permB;
        private final int[][] pools;
        private final int[] poolSize;
        private final int[] segmentTheme;

        Run(SyntheticConfig c) {
            this.c = c;
            this.lang = c.lang();
            this.rng = new SplittableRandom(c.seed());
            this.text = c.planted(Signal.TEXT);
            this.behaviour = c.planted(Signal.BEHAVIOUR);
            this.attributes = c.planted(Signal.ATTRIBUTES);
            this.k = c.segments();
            this.priceColumn = items.declare(new AttributeSpec("price", AttributeKind.NUMERIC, false));

            int[] order = shuffled(Themes.ALL.size());
            segmentTheme = Arrays.copyOf(order, k);

            int nt = Themes.ALL.size();
            titles = new String[nt][c.texts()];
            bodies = new String[nt][c.texts()];
            for (int t = 0; t < nt; t++) {
                Theme th = Themes.ALL.get(t);
                int[] combos = shuffled(th.combinations());
                int na = th.adjectives().size();
                int nn = th.nouns().size();
                for (int j = 0; j < c.texts(); j++) {
                    int x = combos[j];
                    titles[t][j] = th.title(lang, x % na, (x / na) % nn);
                    bodies[t][j] = th.text(lang, x / (na * nn));
                }
            }
            zipfCdf = zipf(c.items(), ZIPF_EXPONENT);
            // Popularity orders as affine bijections r -> (a*r + b) mod C: slot 0 is the global order, slot 1+s the
            // order of segment s. No per-segment permutation arrays, so the catalogue can be large.
            permA = new long[k + 1];
            permB = new long[k + 1];
            for (int p = 0; p <= k; p++) {
                permA[p] = coprime(c.items());
                permB[p] = rng.nextInt(c.items());
            }
            pools = new int[k][16];
            poolSize = new int[k];
        }

        SyntheticData generate() {
            buildCatalogue();
            Segments seg = new Segments();
            Users users = new Users();
            AttributeColumn age = users.declare(new AttributeSpec("age", AttributeKind.NUMERIC, false));
            AttributeColumn gender = users.declare(new AttributeSpec("gender", AttributeKind.CATEGORICAL, false));
            AttributeColumn city = users.declare(new AttributeSpec("city", AttributeKind.CATEGORICAL, false));
            AttributeColumn spend = users.declare(new AttributeSpec("spend_level", AttributeKind.CATEGORICAL, false));
            List<String> cities = "zh".equals(lang) ? Themes.CITIES_ZH : Themes.CITIES_EN;
            List<String> genders = "zh".equals(lang) ? Themes.GENDERS_ZH : Themes.GENDERS_EN;
            List<String> spends = "zh".equals(lang) ? Themes.SPEND_ZH : Themes.SPEND_EN;
            // Declare levels in a fixed order so codes do not depend on which value happens to come first.
            for (int i = 0; i < cities.size(); i++) {
                city.setLevel(0, cities.get(i));
            }
            for (int i = 0; i < genders.size(); i++) {
                gender.setLevel(0, genders.get(i));
            }
            for (int i = 0; i < spends.size(); i++) {
                spend.setLevel(0, spends.get(i));
            }

            long capacity = Math.min(Integer.MAX_VALUE - 16L, (long) (c.users() * c.events() * 1.05) + 16);
            Events events = new Events((int) capacity);
            EventTypes types = events.types();
            byte[] typeCode = {types.code(EventTypes.VIEW), types.code(EventTypes.CLICK), types.code(EventTypes.CART),
                    types.code(EventTypes.PURCHASE), types.code(EventTypes.RATING)};
            int[] truth = new int[c.users()];
            long[] times = new long[64];

            for (int u = 0; u < c.users(); u++) {
                int row = users.addRow("u" + u);
                int s = sample(seg.weightCdf);
                truth[row] = s;

                boolean a = attributes;
                age.setNumber(row, a && rng.nextDouble() < c.strength() ? seg.age(s) : Segments.globalAge(rng));
                gender.setLevel(row, genders.get(a && rng.nextDouble() < c.strength()
                        ? sample(seg.genderCdf[s]) : sample(Segments.GLOBAL_GENDER)));
                city.setLevel(row, cities.get(a && rng.nextDouble() < c.strength()
                        ? sample(seg.cityCdf[s]) : sample(Segments.GLOBAL_CITY)));
                spend.setLevel(row, spends.get(a && rng.nextDouble() < c.strength()
                        ? sample(seg.spendCdf[s]) : sample(Segments.GLOBAL_SPEND)));

                int n = c.eventDistribution().sample(rng, c.events());
                if (times.length < n) {
                    times = new long[Math.max(n, times.length * 2)];
                }
                long start = (long) (rng.nextDouble() * 0.9 * PERIOD_SECONDS);
                long span = Math.max(7L * 86_400L, (long) ((PERIOD_SECONDS - start) * rng.nextDouble()));
                span = Math.min(span, PERIOD_SECONDS - start);
                for (int e = 0; e < n; e++) {
                    times[e] = START_EPOCH_SECONDS + start + (long) (rng.nextDouble() * span);
                }
                Arrays.sort(times, 0, n);
                for (int e = 0; e < n; e++) {
                    int item = drawItem(s);
                    int t = sample(TYPE_CDF);
                    float value = Float.NaN;
                    float price = Float.NaN;
                    if (t == 3) {
                        int q = 1;
                        while (q < 10 && rng.nextDouble() < 0.3) {
                            q++;
                        }
                        value = q;
                        price = itemPrice[item];
                    } else if (t == 2) {
                        price = itemPrice[item];
                    } else if (t == 4) {
                        value = 1 + sample(RATING_CDF);
                    }
                    events.add(row, item, typeCode[t], value, price, times[e]);
                }
            }
            users.seal();
            items.seal();
            events.trim();
            List<String> names = new ArrayList<>();
            List<Theme> themes = new ArrayList<>();
            for (int s = 0; s < k; s++) {
                Theme th = Themes.ALL.get(segmentTheme[s]);
                names.add(th.key());
                themes.add(th);
            }
            Dataset d = new Dataset("synthetic-" + lang, users, items, events);
            return new SyntheticData(d, new GroundTruth(truth, names), themes, c);
        }

        /** Chooses the item of one event of a user in segment {@code s}. */
        private int drawItem(int s) {
            boolean planted = (text || behaviour) && rng.nextDouble() < c.strength();
            if (!planted) {
                return catalogueItem(0);
            }
            boolean useText = text && (!behaviour || rng.nextBoolean());
            return useText ? themeItem(s) : catalogueItem(1 + s);
        }

        /** An item of the shared catalogue, by Zipf rank under popularity order {@code order}. */
        private int catalogueItem(int order) {
            int rank = sample(zipfCdf);
            return (int) ((permA[order] * rank + permB[order]) % c.items());
        }

        /**
         * An item from the segment's theme pool: with probability {@code reuse} an existing listing of the theme,
         * otherwise a new listing with one of the theme's limited texts. Ids are thus rarely shared while texts are.
         */
        private int themeItem(int s) {
            if (poolSize[s] > 0 && rng.nextDouble() < c.reuse()) {
                return pools[s][rng.nextInt(poolSize[s])];
            }
            int t = segmentTheme[s];
            int row = newItem(t, rng.nextInt(c.texts()), false);
            if (poolSize[s] == pools[s].length) {
                pools[s] = Arrays.copyOf(pools[s], pools[s].length * 2);
            }
            pools[s][poolSize[s]++] = row;
            return row;
        }

        private void buildCatalogue() {
            boolean categories = !text;
            for (int i = 0; i < c.items(); i++) {
                newItem(rng.nextInt(Themes.ALL.size()), rng.nextInt(c.texts()), categories);
            }
        }

        private int newItem(int theme, int textIndex, boolean withCategory) {
            int row = items.addRow("i" + items.size());
            items.setTitle(row, titles[theme][textIndex]);
            items.setText(row, bodies[theme][textIndex]);
            if (withCategory) {
                items.setCategories(row, List.of(Themes.ALL.get(theme).name(lang)));
            }
            // Prices do not depend on the theme: spend must not carry the text-only signal.
            double p = Math.exp(Math.log(20.0) + 0.6 * EventCountDistribution.gaussian(rng));
            float price = (float) Math.max(0.99, Math.round(p) - 0.01);
            priceColumn.setNumber(row, price);
            if (row >= itemPrice.length) {
                itemPrice = Arrays.copyOf(itemPrice, itemPrice.length * 2);
            }
            itemPrice[row] = price;
            return row;
        }

        /** Per-segment attribute distributions, drawn once from the random stream. */
        private final class Segments {
            static final double[] GLOBAL_GENDER = {0.5, 1.0};
            static final double[] GLOBAL_CITY = cumulative(powerWeights(10, 0.6));
            static final double[] GLOBAL_SPEND = {0.3, 0.8, 1.0};

            final double[] weightCdf = new double[k];
            final double[] ageMean = new double[k];
            final double[][] genderCdf = new double[k][];
            final double[][] cityCdf = new double[k][];
            final double[][] spendCdf = new double[k][];

            Segments() {
                double[] w = new double[k];
                for (int s = 0; s < k; s++) {
                    // Unequal sizes (up to ~2.3x between segments), as in real populations.
                    w[s] = 0.6 + 0.8 * rng.nextDouble();
                    ageMean[s] = 22 + 40 * rng.nextDouble();
                    double female = rng.nextBoolean() ? 0.1 + 0.2 * rng.nextDouble() : 0.7 + 0.2 * rng.nextDouble();
                    genderCdf[s] = new double[] {female, 1.0};
                    double[] cw = new double[10];
                    Arrays.fill(cw, 0.25 / 8);
                    int c1 = rng.nextInt(10);
                    int c2 = (c1 + 1 + rng.nextInt(9)) % 10;
                    cw[c1] = 0.45;
                    cw[c2] = 0.30;
                    cityCdf[s] = cumulative(cw);
                    double[] sw = {0.15, 0.15, 0.15};
                    sw[rng.nextInt(3)] = 0.7;
                    spendCdf[s] = cumulative(sw);
                }
                double[] cdf = cumulative(w);
                System.arraycopy(cdf, 0, weightCdf, 0, k);
            }

            double age(int s) {
                return clampAge(ageMean[s] + 5 * EventCountDistribution.gaussian(rng));
            }

            static double globalAge(SplittableRandom r) {
                return clampAge(40 + 13 * EventCountDistribution.gaussian(r));
            }

            static double clampAge(double a) {
                return Math.max(18, Math.min(80, Math.rint(a)));
            }
        }

        private int sample(double[] cdf) {
            double u = rng.nextDouble();
            int i = Arrays.binarySearch(cdf, u);
            i = i >= 0 ? i + 1 : -i - 1;
            return Math.min(i, cdf.length - 1);
        }

        private int[] shuffled(int n) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            return a;
        }

        private long coprime(int n) {
            if (n == 1) {
                return 1;
            }
            while (true) {
                long a = 1 + rng.nextInt(n - 1);
                if (gcd(a, n) == 1) {
                    return a;
                }
            }
        }
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    static double[] zipf(int n, double exponent) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1.0 / Math.pow(i + 1, exponent);
        }
        return cumulative(w);
    }

    static double[] powerWeights(int n, double exponent) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1.0 / Math.pow(i + 1, exponent);
        }
        return w;
    }

    /** Normalised cumulative sums; the last entry is exactly 1. */
    static double[] cumulative(double[] w) {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double[] cdf = new double[w.length];
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i];
            cdf[i] = acc / total;
        }
        cdf[w.length - 1] = 1.0;
        return cdf;
    }
}
