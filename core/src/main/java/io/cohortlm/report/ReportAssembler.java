package io.cohortlm.report;

import io.cohortlm.explain.SegmentExplainer;
import io.cohortlm.explain.SegmentProfile;
import io.cohortlm.explain.SegmentedUsers;
import io.cohortlm.explain.SurrogateRules;
import io.cohortlm.explain.persona.Persona;
import io.cohortlm.export.ExportTable;
import io.cohortlm.export.Release;
import io.cohortlm.export.SegmentExports;
import io.cohortlm.predict.PropensityResult;
import io.cohortlm.predict.SegmentPropensity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@link ReportModel} of a segmentation from the explain and predict stages, applying the same
 * {@link Release} every export uses: a segment below the floor gets no card, no map points of its own (its members
 * are drawn as the merged bucket when that is released, else not at all) and no propensity rows. Under
 * differential privacy the report shows only the noisy segment table's keys and sizes — no map, no statistics.
 * <p>Card ids are the stable segment ids (−1 outliers, {@value #OTHER_ID} the merged bucket).
 *
 * @param in          the segmentation
 * @param explained   profiles, rules, features of the explain stage
 * @param personas    one persona per segment label
 * @param exports     the export policy (its release decides what is shown)
 * @param propensity  propensity result fitted with segment labels as ids, or null
 * @param map         n × 2 map positions row-aligned with the users, or null
 * @param stableIds   stable id of each segment label
 * @param manifest    run manifest shown in the report
 * @param source      data source shown as the subtitle
 * @param seed        map sampling seed
 */
public record ReportAssembler(SegmentedUsers in, SegmentExplainer.Result explained, List<Persona> personas,
        SegmentExports exports, PropensityResult propensity, float[][] map, int[] stableIds, Map<String, Object> manifest,
        String source, long seed) {
    /** Card id of the merged bucket of small segments. */
    public static final int OTHER_ID = -2;
    /** Map points drawn at most. */
    public static final int MAP_POINTS = 3000;
    private static final String WITHHELD = "\u0000withheld ";

    public ReportAssembler {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(explained, "explained");
        Objects.requireNonNull(exports, "exports");
        if (personas.size() != in.segmentCount()) {
            throw new IllegalArgumentException("personas must have one entry per segment (" + in.segmentCount()
                    + "), had " + personas.size());
        }
        if (stableIds.length != in.segmentCount()) {
            throw new IllegalArgumentException("stableIds must have one entry per segment (" + in.segmentCount()
                    + "), had " + stableIds.length);
        }
        if (map != null && map.length != in.userSegment().length) {
            throw new IllegalArgumentException("map must have one row per user (" + in.userSegment().length
                    + "), had " + map.length);
        }
    }

    private boolean dp() {
        return exports.policy().epsilon() > 0;
    }

    /** The report model. */
    public ReportModel model() {
        Release release = exports.release(in);
        int n = in.userSegment().length;
        List<ReportModel.Segment> cards = new ArrayList<>();
        var ds = new ReportModel.DatasetSummary(source, in.data().users().size(), in.data().items().size(),
                in.data().events().size());
        String title = "CohortLM segments";
        String generated = Instant.now().toString();
        if (dp()) {
            ExportTable t = exports.segmentTable(in, null, null, explained.features());
            int key = t.columnIndex("segment_key");
            int size = t.columnIndex("size");
            int share = t.columnIndex("share");
            int note = t.columnIndex("note");
            int id = 0;
            for (Object[] row : t.rows()) {
                if (row[size] == null) {
                    continue;
                }
                cards.add(new ReportModel.Segment(id++, (String) row[key], (String) row[note], (Long) row[size],
                        (Double) row[share], null, null, null, null, null, null));
            }
            return new ReportModel(title, source + " — differentially private view (ε = " + exports.policy().epsilon()
                    + ")", generated, ds, cards, new ReportModel.MapData(new float[0], new float[0], new int[0], n),
                    null, manifest);
        }
        double horizon = propensity == null ? 0 : propensity.split().horizonSeconds() / 86_400.0;
        Map<Integer, SegmentPropensity> sp = new HashMap<>();
        if (propensity != null) {
            propensity.segments().forEach(p -> sp.put(p.segment(), p));
        }
        SurrogateRules rules = explained.rules();
        for (int s = 0; s < in.segmentCount(); s++) {
            Release.Group g = release.groupOf(s);
            if (!g.released()) {
                continue;
            }
            SegmentProfile p = explained.profiles().segments().get(s);
            Persona persona = personas.get(s);
            String desc = persona.description();
            if (!"template".equals(persona.source())) {
                desc += String.format(Locale.ROOT, " [persona by %s; faithfulness %.2f%s]", persona.source(),
                        persona.faithfulness(), persona.unsupported().isEmpty() ? ""
                                : "; unsupported: " + String.join(", ", persona.unsupported()));
            }
            List<ReportModel.Feature> features = new ArrayList<>();
            p.distinguishing().stream().limit(8).forEach(f -> features.add(new ReportModel.Feature(f.feature(),
                    value(f), finite(f.lift()))));
            p.categories().stream().limit(3).forEach(c -> features.add(new ReportModel.Feature("buys: " + c.category(),
                    String.format(Locale.ROOT, "%.1f%% of events", 100 * c.segmentShare()), finite(c.lift()))));
            List<String> keywords = p.keywords().stream().map(SegmentProfile.Keyword::term).limit(12).toList();
            List<ReportModel.Item> items = p.items().stream().limit(6).map(it -> new ReportModel.Item(
                    it.title() == null ? it.itemId() : it.title(), (double) it.users() / Math.max(1, p.size())))
                    .toList();
            List<String> ruleText = new ArrayList<>();
            rules.rulesFor(s).forEach(r -> ruleText.add(r.text()));
            ruleText.add(String.format(Locale.ROOT, "surrogate tree covers %.0f%% of the members (held-out fidelity of "
                    + "the whole tree %.3f)", 100 * rules.segmentRecall().get(s), rules.fidelityHoldout()));
            SegmentPropensity prop = sp.get(s);
            List<ReportModel.Propensity> props = prop == null ? List.of()
                    : PropensityTables.propensities(prop, propensity.population(), horizon);
            cards.add(new ReportModel.Segment(stableIds[s], g.key() + " · " + persona.name(), desc, g.size(),
                    (double) g.size() / n, features, keywords, items, ruleText, props,
                    prop == null ? List.of() : prop.phrases()));
        }
        if (release.isReleased(-1) && release.groupOf(-1).size() > 0) {
            Release.Group g = release.groupOf(-1);
            SegmentPropensity prop = sp.get(-1);
            cards.add(new ReportModel.Segment(-1, "Outliers", "Users far from every segment centre.", g.size(),
                    (double) g.size() / n, null, null, null, null, prop == null ? List.of()
                    : PropensityTables.propensities(prop, propensity.population(), horizon), null));
        }
        if (release.bucketReleased()) {
            cards.add(new ReportModel.Segment(OTHER_ID, "other (small segments merged)", release.bucketNote(),
                    release.bucketSize(), (double) release.bucketSize() / n, null, null, null, null, null, null));
        }
        return new ReportModel(title, source, generated, ds, cards, map(release), section(release), manifest);
    }

    private ReportModel.MapData map(Release release) {
        int n = in.userSegment().length;
        if (map == null) {
            return new ReportModel.MapData(new float[0], new float[0], new int[0], n);
        }
        List<float[]> xy = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            int l = in.userSegment()[u];
            Integer id = null;
            if (release.isReleased(l)) {
                id = l < 0 ? -1 : stableIds[l];
            } else if (release.publicKey(l) != null) {
                id = OTHER_ID;
            }
            if (id != null) {
                xy.add(map[u]);
                ids.add(id);
            }
        }
        return ReportModel.MapData.sample(xy.toArray(float[][]::new), ids.stream().mapToInt(Integer::intValue)
                .toArray(), MAP_POINTS, seed);
    }

    /** The propensity section with the rows of withheld segments removed; null without propensities or under DP. */
    public ReportModel.PropensitySection section(Release release) {
        if (propensity == null || dp()) {
            return null;
        }
        Map<Integer, String> names = new LinkedHashMap<>();
        for (int s = 0; s < in.segmentCount(); s++) {
            names.put(s, release.isReleased(s) ? release.groupOf(s).key() + " · " + personas.get(s).name()
                    : WITHHELD + s);
        }
        names.put(-1, release.isReleased(-1) ? "outliers" : WITHHELD + "outliers");
        ReportModel.PropensitySection all = PropensityTables.section(propensity, names);
        List<ReportModel.MetricRow> rows = all.metrics().stream().filter(r -> !r.scope().startsWith(WITHHELD))
                .toList();
        return new ReportModel.PropensitySection(all.horizonDays(), rows, all.importance(), all.calibration(),
                all.notes());
    }

    /** The released segments' propensity summaries, keyed by segment key (empty without propensities or under DP). */
    public Map<String, SegmentPropensity> releasedPropensities() {
        Map<String, SegmentPropensity> out = new LinkedHashMap<>();
        if (propensity == null || dp()) {
            return out;
        }
        Release release = exports.release(in);
        for (SegmentPropensity p : propensity.segments()) {
            if (release.isReleased(p.segment())) {
                out.put(p.segment() < 0 ? "outliers" : release.groupOf(p.segment()).key(), p);
            }
        }
        return out;
    }

    private static String value(SegmentProfile.FeatureLift f) {
        if ("LEVEL".equals(f.kind())) {
            return String.format(Locale.ROOT, "%.0f%% (vs %.0f%%)", 100 * f.segmentValue(), 100 * f.populationValue());
        }
        return String.format(Locale.ROOT, "%.4g (vs %.4g)", f.segmentValue(), f.populationValue());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
