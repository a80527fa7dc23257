package io.cohortlm.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import io.cohortlm.explain.persona.Persona;
import io.cohortlm.explain.persona.PersonaFacts;
import io.cohortlm.explain.persona.TemplatePersonaWriter;
import io.cohortlm.export.ExportTable;
import io.cohortlm.export.PrivacyPolicy;
import io.cohortlm.export.SegmentExports;
import io.cohortlm.represent.HybridRepresentation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The example in docs/explain.md and docs/privacy-exports.md, on the real UCI Online Retail data: customers with
 * an id, non-cancelled purchases with positive quantity and price; country as attribute; the 2012 paper's RFM
 * baseline as the segmentation (k-means, k = 6, on log-RFM + a UK flag, seeded here in the test because the
 * project's clusterer lives in another package). ~20 s, so it runs only with {@code -Dcohortlm.realdata=true}:
 * {@code ./mvnw -B -o -q test -pl core -Dtest=OnlineRetailExampleTest -Dcohortlm.realdata=true}
 * (surefire passes the property through {@code argLine}-free system properties). Skipped when the data is absent.
 */
class OnlineRetailExampleTest {
    static final Path DATA = Path.of("../../shared/data/online-retail/online_retail.csv.gz");

    static Dataset load() throws Exception {
        Users users = new Users();
        AttributeColumn country = users.declare(new AttributeSpec("country", AttributeKind.CATEGORICAL, false));
        Items items = new Items();
        Events ev = new Events(400_000);
        byte buy = ev.types().code("purchase");
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(DATA)), StandardCharsets.UTF_8))) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                String cust = rec.get("CustomerID");
                float qty = Float.parseFloat(rec.get("Quantity"));
                float price = Float.parseFloat(rec.get("UnitPrice"));
                if (cust.isBlank() || rec.get("InvoiceNo").startsWith("C") || qty <= 0 || price <= 0) {
                    continue;
                }
                int u = users.addRow(cust);
                country.setLevel(u, rec.get("Country"));
                int before = items.size();
                int i = items.addRow(rec.get("StockCode"));
                if (i == before) {
                    items.setTitle(i, rec.get("Description"));
                }
                long t = LocalDateTime.parse(rec.get("InvoiceDate"), fmt).toEpochSecond(ZoneOffset.UTC);
                ev.add(u, i, buy, qty, price, t);
            }
        }
        users.seal();
        return new Dataset("online-retail", users, items, ev);
    }

    @Test
    void explains_rfm_segments_of_online_retail() throws Exception {
        assumeTrue(Boolean.getBoolean("cohortlm.realdata"), "real-data example: run with -Dcohortlm.realdata=true");
        assumeTrue(Files.exists(DATA), "data not present: " + DATA.toAbsolutePath());
        long t0 = System.nanoTime();
        Dataset data = load();
        InterpretableFeatures feats = InterpretableFeatures.build(data, new InterpretableFeatures.Config(10, 0, true));
        int n = data.users().size();
        float[][] x = new float[n][4];
        String[] rfm = {"recency_days", "frequency", "monetary"};
        for (int j = 0; j < 3; j++) {
            double[] col = feats.column(feats.indexOf(rfm[j]));
            double mean = 0;
            double sd = 0;
            for (double v : col) {
                mean += Math.log1p(Math.max(0, v)) / n;
            }
            for (double v : col) {
                sd += Math.pow(Math.log1p(Math.max(0, v)) - mean, 2) / n;
            }
            for (int u = 0; u < n; u++) {
                x[u][j] = (float) ((Math.log1p(Math.max(0, col[u])) - mean) / Math.sqrt(sd));
            }
        }
        int uk = feats.indexOf("country = United Kingdom");
        for (int u = 0; u < n; u++) {
            x[u][3] = (float) feats.value(uk, u);
        }
        int k = 6;
        float[][] c = kMeans(x, k, 42);
        int[] label = new int[n];
        for (int u = 0; u < n; u++) {
            label[u] = nearest(x[u], c);
        }
        SegmentedUsers in = new SegmentedUsers(data, label, x, c, List.of(
                new HybridRepresentation.Block("behaviour", 0, 3, 1, 0, Map.of(), 0),
                new HybridRepresentation.Block("attributes", 3, 1, 1, 0, Map.of(), 0)), null, null);
        long t1 = System.nanoTime();
        SegmentProfiles profiles = new SegmentProfiler(ProfileConfig.defaults()).profile(in, feats,
                PlantedSegments.PSEUDO);
        long t2 = System.nanoTime();
        SurrogateRules rules = new SurrogateTrainer(SurrogateConfig.defaults()).fit(in, feats);
        long t3 = System.nanoTime();
        System.out.printf("timing: load+features+kmeans %.1f s, profiles %.2f s, surrogate %.2f s%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        SegmentExplainer.Result all = new SegmentExplainer(SegmentExplainer.Config.defaults()).explain(in,
                PlantedSegments.PSEUDO);
        System.out.printf("SegmentExplainer end to end (features with top categories): %.2f s%n", all.seconds());
        Set<String> personal = PersonaFacts.personalTerms(data);
        List<PersonaFacts> facts = profiles.segments().stream().map(p -> PersonaFacts.of(p, personal, 3)).toList();
        List<Persona> personas = new TemplatePersonaWriter(TemplatePersonaWriter.Language.EN).write(facts);
        System.out.printf("online retail: %d customers, %d purchase lines, sizes %s, %.1f s%n", n, data.events().size(),
                Arrays.toString(in.sizes()), (System.nanoTime() - t0) / 1e9);
        System.out.printf("surrogate fidelity train %.3f holdout %.3f, %d leaves%n", rules.fidelityTrain(),
                rules.fidelityHoldout(), rules.leaves());
        rules.rules().forEach(r -> System.out.println("  " + r.text()));
        personas.forEach(p -> System.out.println("persona " + p.segmentKey() + ": " + p.name() + " — "
                + p.description()));
        ObjectMapper json = new ObjectMapper();
        System.out.println("profile s0: " + json.writerWithDefaultPrettyPrinter().writeValueAsString(
                profiles.segments().get(0)));
        UserExplainer ux = new UserExplainer(in, feats, profiles, PlantedSegments.PSEUDO);
        System.out.println("user 0: " + json.writerWithDefaultPrettyPrinter().writeValueAsString(ux.explain(0)));
        System.out.println("prompt s0:\n" + new io.cohortlm.explain.persona.ChatPersonaWriter(
                io.cohortlm.explain.persona.ChatEndpoint.ollama("qwen2.5:7b-instruct"), "en", s -> null)
                .dryRun(facts.get(0)));
        SegmentExports ex = new SegmentExports(PrivacyPolicy.defaults().withMinSegmentSize(50));
        ExportTable seg = ex.segmentTable(in, profiles, personas, feats);
        seg.rows().forEach(r -> System.out.println("segments row: " + Arrays.asList(r)));
        ExportTable dp = new SegmentExports(PrivacyPolicy.defaults().withMinSegmentSize(50).withDifferentialPrivacy(1.0,
                7, Map.of("frequency", new PrivacyPolicy.Bounds(0, 100),
                        "monetary", new PrivacyPolicy.Bounds(0, 20000))))
                .segmentTable(in, profiles, personas, feats);
        dp.rows().forEach(r -> System.out.println("dp row: " + Arrays.asList(r)));
        ex.membershipTable(in, PlantedSegments.PSEUDO).rows().stream().limit(3)
                .forEach(r -> System.out.println("membership row: " + Arrays.asList(r)));
        assertTrue(rules.fidelityHoldout() > 0.6, "holdout fidelity " + rules.fidelityHoldout());
    }

    static float[][] kMeans(float[][] x, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = x.length;
        float[][] c = new float[k][];
        c[0] = x[rnd.nextInt(n)].clone();
        double[] d = new double[n];
        for (int j = 1; j < k; j++) { // k-means++
            double sum = 0;
            for (int u = 0; u < n; u++) {
                d[u] = dist(x[u], c[nearest(x[u], Arrays.copyOf(c, j))]);
                sum += d[u];
            }
            double pick = rnd.nextDouble() * sum;
            int u = 0;
            while (u < n - 1 && (pick -= d[u]) > 0) {
                u++;
            }
            c[j] = x[u].clone();
        }
        for (int it = 0; it < 50; it++) {
            float[][] s = new float[k][x[0].length];
            int[] cnt = new int[k];
            for (float[] row : x) {
                int a = nearest(row, c);
                cnt[a]++;
                for (int j = 0; j < row.length; j++) {
                    s[a][j] += row[j];
                }
            }
            for (int a = 0; a < k; a++) {
                for (int j = 0; j < s[a].length && cnt[a] > 0; j++) {
                    s[a][j] /= cnt[a];
                }
                if (cnt[a] > 0) {
                    c[a] = s[a];
                }
            }
        }
        return c;
    }

    static int nearest(float[] v, float[][] c) {
        int best = 0;
        for (int a = 1; a < c.length; a++) {
            if (dist(v, c[a]) < dist(v, c[best])) {
                best = a;
            }
        }
        return best;
    }

    static double dist(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }
}
