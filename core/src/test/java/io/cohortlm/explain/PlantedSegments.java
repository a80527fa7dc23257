package io.cohortlm.explain;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import io.cohortlm.represent.HybridRepresentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Planted segments with known answers. Segment g of {@code sizes[g]} users: country {@link #COUNTRY}[g] (90 %,
 * else a random one of the three), age around {@link #AGE}[g], buys mostly items of category {@link #CATEGORY}[g]
 * (80 %, else any), with {@link #ORDERS}[g] orders. Every user also has a personal, unique {@code email}. One
 * segment-0 user buys the one-off item "golden unicorn" (support 1). Segment-2 users have Chinese profile texts
 * about 园艺 (gardening). Two extra users are outliers (label -1). Vectors: 3 "attributes" dims (one-hot of the
 * planted group, plus noise) then 3 "behaviour" dims (same, weaker).
 */
public final class PlantedSegments {
    static final String[] COUNTRY = {"France", "Germany", "United Kingdom"};
    static final int[] AGE = {25, 45, 65};
    static final String[] CATEGORY = {"Camping", "Kitchen", "Garden"};
    static final String[][] WORDS = {{"camping lantern", "tent pegs", "sleeping bag"},
        {"kitchen knife", "frying pan", "spice rack"}, {"garden hose", "rose seeds", "watering can"}};
    static final int[] ORDERS = {12, 4, 2};

    /** A pseudonymiser stand-in: not the real one (another package), just visibly different from the raw id. */
    public static final Function<String, String> PSEUDO = id -> "p" + Integer.toHexString(("salt:" + id).hashCode());

    private PlantedSegments() {
    }

    public static SegmentedUsers build(int[] sizes, long seed) {
        return build(sizes, seed, true);
    }

    /** As {@link #build(int[], long)}; without {@code age} when {@code withAge} is false. */
    public static SegmentedUsers build(int[] sizes, long seed, boolean withAge) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Users users = new Users();
        AttributeColumn country = users.declare(new AttributeSpec("country", AttributeKind.CATEGORICAL, false));
        AttributeColumn age = withAge ? users.declare(new AttributeSpec("age", AttributeKind.NUMERIC, false)) : null;
        AttributeColumn email = users.declare(new AttributeSpec("email", AttributeKind.CATEGORICAL, true));
        Items items = new Items();
        List<List<Integer>> byCat = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            byCat.add(new ArrayList<>());
            for (int i = 0; i < 10; i++) {
                int row = items.addRow("item-" + c + "-" + i);
                items.setTitle(row, WORDS[c][i % 3] + " " + (i + 1));
                items.setCategories(row, List.of(CATEGORY[c]));
                byCat.get(c).add(row);
            }
        }
        int unicorn = items.addRow("item-unicorn");
        items.setTitle(unicorn, "golden unicorn");
        items.setCategories(unicorn, List.of("Collectibles"));
        Events ev = new Events();
        byte buy = ev.types().code("purchase");
        int total = 2;
        for (int s : sizes) {
            total += s;
        }
        int[] label = new int[total];
        List<String> profiles = new ArrayList<>();
        float[][] vec = new float[total][6];
        int u = 0;
        for (int g = 0; g <= sizes.length; g++) {
            int count = g < sizes.length ? sizes[g] : 2;
            for (int m = 0; m < count; m++, u++) {
                boolean outlier = g == sizes.length;
                int planted = outlier ? rnd.nextInt(3) : g % 3;
                int row = users.addRow("user-" + u);
                label[row] = outlier ? -1 : g;
                country.setLevel(row, rnd.nextDouble() < 0.9 ? COUNTRY[planted] : COUNTRY[rnd.nextInt(3)]);
                int a = AGE[planted] + rnd.nextInt(-5, 6);
                if (age != null) {
                    age.setNumber(row, a);
                }
                email.setLevel(row, "person" + u + "@example.com");
                int orders = Math.max(1, ORDERS[planted] + rnd.nextInt(-1, 2));
                for (int o = 0; o < orders; o++) {
                    long time = 1_600_000_000L + (long) (planted * 30 + o * 3 + rnd.nextInt(3)) * 86_400L
                            + u * 60L;
                    for (int line = 0; line < 2; line++) {
                        int cat = rnd.nextDouble() < 0.8 ? planted : rnd.nextInt(3);
                        int item = byCat.get(cat).get(rnd.nextInt(10));
                        ev.add(row, item, buy, 1 + rnd.nextInt(3), 2.5f + planted, time);
                    }
                }
                if (g == 0 && m == 0) {
                    ev.add(row, unicorn, buy, 1, 99f, 1_600_000_000L);
                }
                profiles.add(planted == 2 ? "退休老人，喜欢园艺和种花" : planted == 0 ? "young outdoor fan" : null);
                for (int d = 0; d < 3; d++) {
                    vec[row][d] = (d == planted ? 1f : 0f) + (float) rnd.nextGaussian() * 0.15f;
                    vec[row][3 + d] = (d == planted ? 0.5f : 0f) + (float) rnd.nextGaussian() * 0.15f;
                }
            }
        }
        users.seal();
        int k = sizes.length;
        float[][] centroids = new float[k][6];
        int[] n = new int[k];
        for (int r = 0; r < total; r++) {
            if (label[r] >= 0) {
                n[label[r]]++;
                for (int d = 0; d < 6; d++) {
                    centroids[label[r]][d] += vec[r][d];
                }
            }
        }
        for (int s = 0; s < k; s++) {
            for (int d = 0; d < 6; d++) {
                centroids[s][d] /= Math.max(1, n[s]);
            }
        }
        List<HybridRepresentation.Block> blocks = List.of(
                new HybridRepresentation.Block("attributes", 0, 3, 1, 0, Map.of(), 0),
                new HybridRepresentation.Block("behaviour", 3, 3, 1, 0, Map.of(), 0));
        Dataset data = new Dataset("planted", users, items, ev);
        return new SegmentedUsers(data, label, vec, centroids, blocks, profiles, null);
    }
}
