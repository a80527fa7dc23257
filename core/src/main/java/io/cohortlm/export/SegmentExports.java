package io.cohortlm.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.explain.InterpretableFeatures;
import io.cohortlm.explain.SegmentProfile;
import io.cohortlm.explain.SegmentProfiles;
import io.cohortlm.explain.SegmentedUsers;
import io.cohortlm.explain.SurrogateRules;
import io.cohortlm.explain.UserExplainer;
import io.cohortlm.explain.UserExplanation;
import io.cohortlm.explain.persona.Persona;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything about segments that leaves the process: the segment table, the membership table, the JSON report
 * and per-user answers. Each method starts from {@link #release(SegmentedUsers)} — {@link DisclosureControl}'s one
 * rule — so a segment below the floor never shows its size, statistics, persona, rules or members anywhere; it
 * shows up only as a flagged row ({@code suppressed} / {@code merged_into} and a {@code note}).
 * <p>With ε &gt; 0 the segment table carries only Laplace-noised sizes and shares and noisy clipped means of the
 * features with clip bounds; the budget is split evenly between the count and each mean, and stated in the
 * table. The floor itself is decided on true sizes (so that decision is not covered by ε).
 */
public final class SegmentExports {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrivacyPolicy policy;

    public SegmentExports(PrivacyPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public PrivacyPolicy policy() {
        return policy;
    }

    /** The single disclosure decision for a segmentation. */
    public Release release(SegmentedUsers in) {
        int[] sizes = in.sizes();
        int k = in.segmentCount();
        return DisclosureControl.release(in.segmentKeys(), java.util.Arrays.copyOf(sizes, k), sizes[k], policy);
    }

    private String privacyNote(Release r) {
        String s = "segments below " + policy.minSegmentSize() + " members are "
                + (policy.smallSegments() == PrivacyPolicy.SmallSegments.MERGE ? "merged into '"
                        + DisclosureControl.OTHER + "'" : "suppressed");
        if (policy.epsilon() > 0) {
            s += String.format(Locale.ROOT, "; ε-differential privacy with ε = %s per user (Laplace noise on counts "
                    + "and clipped means)", policy.epsilon());
        }
        return s + (policy.rawIds() ? "; RAW user ids" : "; user ids pseudonymised");
    }

    /**
     * The segment table: one row per group (segments, outliers, the merged bucket).
     *
     * @param profiles profiles for the text columns (null = none)
     * @param personas personas by segment label (null = none)
     * @param feats    the feature table, for noisy means under DP (null = no means)
     */
    public ExportTable segmentTable(SegmentedUsers in, SegmentProfiles profiles, List<Persona> personas,
            InterpretableFeatures feats) {
        Release r = release(in);
        boolean dp = policy.epsilon() > 0;
        List<String> meanFeatures = new ArrayList<>();
        if (dp && feats != null) {
            new TreeMap<>(policy.clipBounds()).keySet().stream().filter(f -> feats.indexOf(f) >= 0)
                    .forEach(meanFeatures::add);
        }
        double epsPart = dp ? policy.epsilon() / (1 + meanFeatures.size()) : 0;
        ExportTable.Builder b = new ExportTable.Builder("segments")
                .column("segment_key", ExportTable.Type.STRING, false)
                .column("label", ExportTable.Type.LONG, true)
                .column("name", ExportTable.Type.STRING, true)
                .column("description", ExportTable.Type.STRING, true)
                .column("size", ExportTable.Type.LONG, true)
                .column("share", ExportTable.Type.DOUBLE, true)
                .column("suppressed", ExportTable.Type.BOOLEAN, false)
                .column("merged_into", ExportTable.Type.STRING, true)
                .column("note", ExportTable.Type.STRING, true)
                .column("top_features", ExportTable.Type.STRING, true)
                .column("top_categories", ExportTable.Type.STRING, true)
                .column("keywords", ExportTable.Type.STRING, true)
                .column("epsilon", ExportTable.Type.DOUBLE, true);
        for (String f : meanFeatures) {
            b.column("mean_" + f, ExportTable.Type.DOUBLE, true);
        }
        b.meta("cohortlm.min_segment_size", Integer.toString(policy.minSegmentSize()))
                .meta("cohortlm.small_segments", policy.smallSegments().name().toLowerCase(Locale.ROOT))
                .meta("cohortlm.epsilon", Double.toString(policy.epsilon()))
                .meta("cohortlm.privacy", privacyNote(r));
        LaplaceNoise noise = new LaplaceNoise(policy.seed());
        int n = in.userSegment().length;
        // Noisy sizes of every group first, so shares use one noisy total.
        long[] shown = new long[r.groups().size()];
        long total = 0;
        for (int g = 0; g < shown.length; g++) {
            Release.Group grp = r.groups().get(g);
            shown[g] = dp ? noise.count(grp.size(), epsPart) : grp.size();
            total += shown[g];
        }
        long bucketShown = dp ? noise.count(r.bucketSize(), epsPart) : r.bucketSize();
        total += dp && r.bucketReleased() ? bucketShown : 0;
        if (!dp) {
            total = n;
        }
        for (int g = 0; g < shown.length; g++) {
            Release.Group grp = r.groups().get(g);
            if (grp.label() < 0 && grp.size() == 0) {
                continue; // no outliers: no row
            }
            Object[] row = new Object[13 + meanFeatures.size()];
            row[0] = grp.key();
            row[1] = (long) grp.label();
            row[6] = grp.suppressed();
            row[7] = grp.mergedInto();
            row[12] = dp ? policy.epsilon() : null;
            if (!grp.released()) {
                row[8] = grp.note();
                b.row(row);
                continue;
            }
            row[4] = shown[g];
            row[5] = total == 0 ? 0.0 : (double) shown[g] / total;
            if (grp.label() >= 0 && !dp) {
                if (personas != null) {
                    Persona p = personas.get(grp.label());
                    row[2] = p.name();
                    row[3] = p.description();
                }
                if (profiles != null) {
                    SegmentProfile p = profiles.segments().get(grp.label());
                    row[9] = emptyToNull(p.distinguishing().stream().limit(5).map(l -> String.format(Locale.ROOT,
                            "%s (lift %.2f, q %.2g)", l.feature(), l.lift(), l.qValue()))
                            .collect(Collectors.joining("; ")));
                    row[10] = emptyToNull(p.categories().stream().map(c -> String.format(Locale.ROOT,
                            "%s (lift %.2f)", c.category(), c.lift())).collect(Collectors.joining("; ")));
                    row[11] = emptyToNull(p.keywords().stream().map(SegmentProfile.Keyword::term)
                            .collect(Collectors.joining(", ")));
                }
            }
            if (dp) {
                row[8] = "noisy (ε = " + policy.epsilon() + ", split over count and " + meanFeatures.size()
                        + " mean(s)); text columns withheld under DP";
                for (int m = 0; m < meanFeatures.size(); m++) {
                    row[13 + m] = noisyMean(in, feats, meanFeatures.get(m), grp.label(), shown[g], epsPart, noise);
                }
            }
            b.row(row);
        }
        if (r.bucketSize() > 0) {
            Object[] row = new Object[13 + meanFeatures.size()];
            row[0] = DisclosureControl.OTHER;
            row[6] = !r.bucketReleased();
            row[8] = r.bucketNote();
            row[12] = dp ? policy.epsilon() : null;
            if (r.bucketReleased()) {
                row[4] = bucketShown;
                row[5] = total == 0 ? 0.0 : (double) bucketShown / total;
            }
            b.row(row);
        }
        return b.build();
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** Noisy sum of values clipped to the bounds (missing = lo) over a group, divided by its noisy size. */
    private Double noisyMean(SegmentedUsers in, InterpretableFeatures feats, String feature, int label, long noisySize,
            double eps, LaplaceNoise noise) {
        PrivacyPolicy.Bounds bd = policy.clipBounds().get(feature);
        double[] col = feats.column(feats.indexOf(feature));
        double sum = 0;
        for (int u = 0; u < col.length; u++) {
            if (in.userSegment()[u] == label) {
                double v = Double.isNaN(col[u]) ? bd.lo() : Math.max(bd.lo(), Math.min(bd.hi(), col[u]));
                sum += v;
            }
        }
        double sens = Math.max(Math.abs(bd.lo()), Math.abs(bd.hi()));
        double noisy = noise.add(sum, sens, eps);
        return Math.max(bd.lo(), Math.min(bd.hi(), noisy / Math.max(1, noisySize)));
    }

    /**
     * The membership table: user id (pseudonymised unless the policy says raw), the key the user is shown under
     * (own segment, {@value DisclosureControl#OTHER}, {@value DisclosureControl#OUTLIER}, or null when suppressed),
     * confidence (only for released segments) and a suppressed flag.
     */
    public ExportTable membershipTable(SegmentedUsers in, Function<String, String> pseudonymizer) {
        if (!policy.rawIds()) {
            Objects.requireNonNull(pseudonymizer, "pseudonymizer (required unless the policy exports raw ids)");
        }
        Release r = release(in);
        ExportTable.Builder b = new ExportTable.Builder("membership")
                .column("user_id", ExportTable.Type.STRING, false)
                .column("segment_key", ExportTable.Type.STRING, true)
                .column("confidence", ExportTable.Type.DOUBLE, true)
                .column("suppressed", ExportTable.Type.BOOLEAN, false)
                .meta("cohortlm.min_segment_size", Integer.toString(policy.minSegmentSize()))
                .meta("cohortlm.privacy", privacyNote(r));
        for (int u = 0; u < in.userSegment().length; u++) {
            int label = in.userSegment()[u];
            String id = in.data().users().ids().id(u);
            String key = r.publicKey(label);
            Double conf = r.isReleased(label) && label >= 0 ? UserExplainer.confidence(in, u) : null;
            b.row(policy.rawIds() ? id : pseudonymizer.apply(id), key, conf, key == null);
        }
        return b.build();
    }

    /**
     * The JSON report: privacy settings, one entry per released segment (profile, persona, its surrogate rules),
     * and one flagged entry per withheld group. Under DP the report carries only the noisy segment table.
     */
    public ObjectNode report(SegmentedUsers in, SegmentProfiles profiles, SurrogateRules rules,
            List<Persona> personas, InterpretableFeatures feats) {
        Release r = release(in);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode priv = root.putObject("privacy");
        priv.put("min_segment_size", policy.minSegmentSize());
        priv.put("small_segments", policy.smallSegments().name().toLowerCase(Locale.ROOT));
        priv.put("epsilon", policy.epsilon());
        priv.put("note", privacyNote(r));
        if (policy.epsilon() > 0) {
            ArrayNode rows = root.putArray("segments");
            ExportTable t = segmentTable(in, null, null, feats);
            for (Object[] row : t.rows()) {
                ObjectNode o = rows.addObject();
                for (int c = 0; c < row.length; c++) {
                    o.putPOJO(t.columns().get(c).name(), row[c]);
                }
            }
            return root;
        }
        if (rules != null) {
            root.put("surrogate_fidelity_train", rules.fidelityTrain());
            root.put("surrogate_fidelity_holdout", rules.fidelityHoldout());
        }
        ArrayNode segs = root.putArray("segments");
        ArrayNode withheld = root.putArray("withheld");
        for (Release.Group g : r.groups()) {
            if (g.label() < 0 && g.size() == 0) {
                continue;
            }
            if (!g.released()) {
                ObjectNode w = withheld.addObject();
                w.put("segment_key", g.key());
                w.put("suppressed", g.suppressed());
                w.put("merged_into", g.mergedInto());
                w.put("note", g.note());
                continue;
            }
            ObjectNode s = segs.addObject();
            s.put("segment_key", g.key());
            s.put("size", g.size());
            s.put("share", (double) g.size() / in.userSegment().length);
            if (g.label() < 0) {
                continue;
            }
            if (personas != null) {
                s.set("persona", JSON.valueToTree(personas.get(g.label())));
            }
            if (profiles != null) {
                s.set("profile", JSON.valueToTree(profiles.segments().get(g.label())));
            }
            if (rules != null) {
                s.set("rules", JSON.valueToTree(rules.rulesFor(g.label())));
            }
        }
        if (r.bucketSize() > 0) {
            ObjectNode o = root.putObject(DisclosureControl.OTHER);
            o.put("suppressed", !r.bucketReleased());
            if (r.bucketReleased()) {
                o.put("size", r.bucketSize());
            }
            o.put("note", r.bucketNote());
        }
        return root;
    }

    /**
     * A per-user answer that is safe to return: a member of a withheld segment is shown under the public key
     * ({@value DisclosureControl#OTHER} or null) with label −2, no reasons and no distances (they describe the small
     * segment); a withheld runner-up is masked the same way.
     */
    public UserExplanation answer(SegmentedUsers in, UserExplanation e) {
        Release r = release(in);
        boolean own = r.isReleased(e.segment());
        boolean runner = e.runnerUp() < 0 || r.isReleased(e.runnerUp());
        if (own && runner) {
            return e;
        }
        return new UserExplanation(e.user(), own ? e.segment() : -2, own ? e.segmentKey() : r.publicKey(e.segment()),
                runner ? e.runnerUp() : -2, runner ? e.runnerUpKey() : r.publicKey(e.runnerUp()),
                own ? e.distance() : Double.NaN, runner ? e.runnerUpDistance() : Double.NaN,
                own && runner ? e.margin() : Double.NaN, own ? e.confidence() : Double.NaN,
                own && runner ? e.views() : List.of(), own && runner ? e.dimensions() : List.of(),
                own ? e.reasons() : List.of());
    }

    /** The personas (by label) that may be shown: those of released segments, in label order. */
    public List<Persona> releasedPersonas(SegmentedUsers in, List<Persona> personas) {
        Release r = release(in);
        List<Persona> out = new ArrayList<>();
        for (int s = 0; s < personas.size(); s++) {
            if (r.isReleased(s)) {
                out.add(personas.get(s));
            }
        }
        return out;
    }

    /** The profiles that may be shown: those of released segments, in label order. */
    public List<SegmentProfile> releasedProfiles(SegmentedUsers in, SegmentProfiles profiles) {
        Release r = release(in);
        return profiles.segments().stream().filter(p -> r.isReleased(p.segment())).toList();
    }

    /** Writes {@code table} once per writer as {@code dir/<name>.<ext>}; returns the files in writer order. */
    public static List<Path> write(ExportTable table, Path dir, List<TableWriter> writers) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (TableWriter w : writers) {
            Path f = dir.resolve(table.name() + "." + w.extension());
            w.write(table, f);
            out.add(f);
        }
        return out;
    }

    /** CSV, JSON Lines and Parquet. */
    public static List<TableWriter> allFormats() {
        return List.of(new CsvTableWriter(), new JsonLinesTableWriter(), new ParquetTableWriter());
    }
}
