package io.cohortlm.explain;

import io.cohortlm.represent.HybridRepresentation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Explains single users: which views pull the user toward the own centroid rather than the runner-up, the margin,
 * and which of the user's readable values match what distinguishes the segment.
 * <p>The view split is exact: with own centroid a and runner-up b, ‖x − b‖² − ‖x − a‖² = Σ_d [(x_d − b_d)² −
 * (x_d − a_d)²], and the dims of each view are summed. Immutable and thread-safe.
 */
public final class UserExplainer {
    private final SegmentedUsers in;
    private final InterpretableFeatures feats;
    private final SegmentProfiles profiles;
    private final Function<String, String> pseudonymizer;

    public UserExplainer(SegmentedUsers in, InterpretableFeatures feats, SegmentProfiles profiles,
            Function<String, String> pseudonymizer) {
        this.in = Objects.requireNonNull(in, "in");
        this.feats = Objects.requireNonNull(feats, "feats");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    }

    /** Own (or nearest) and runner-up labels and Euclidean distances: {own, runnerUp} and {d own, d runner-up}. */
    static double[] nearestTwo(SegmentedUsers in, int u) {
        int own = in.userSegment()[u];
        double dOwn = own >= 0 ? in.distance2(u, own) : Double.POSITIVE_INFINITY;
        int best = own;
        if (own < 0) {
            for (int s = 0; s < in.segmentCount(); s++) {
                double d = in.distance2(u, s);
                if (d < dOwn) {
                    dOwn = d;
                    best = s;
                }
            }
        }
        int runner = -1;
        double dRunner = Double.POSITIVE_INFINITY;
        for (int s = 0; s < in.segmentCount(); s++) {
            if (s == best) {
                continue;
            }
            double d = in.distance2(u, s);
            if (d < dRunner) {
                dRunner = d;
                runner = s;
            }
        }
        return new double[] {best, runner, Math.sqrt(dOwn), runner < 0 ? Double.NaN : Math.sqrt(dRunner)};
    }

    /** Membership confidence of user {@code u}: 1 − d(own) / d(runner-up), clipped to [0, 1]; 0 for outliers. */
    public static double confidence(SegmentedUsers in, int u) {
        if (in.userSegment()[u] < 0) {
            return 0;
        }
        double[] t = nearestTwo(in, u);
        if (Double.isNaN(t[3]) || t[3] == 0) {
            return 1;
        }
        return Math.max(0, Math.min(1, 1 - t[2] / t[3]));
    }

    /** Explains user {@code u} (dense index). */
    public UserExplanation explain(int u) {
        double[] t = nearestTwo(in, u);
        int own = (int) t[0];
        int runner = (int) t[1];
        List<UserExplanation.ViewPull> views = new ArrayList<>();
        List<UserExplanation.DimensionPull> dims = new ArrayList<>();
        if (runner >= 0) {
            float[] x = in.vectors()[u];
            float[] a = in.centroids()[own];
            float[] b = in.centroids()[runner];
            double total = 0;
            double[] contrib = new double[in.blocks().size()];
            for (int i = 0; i < contrib.length; i++) {
                HybridRepresentation.Block blk = in.blocks().get(i);
                Object names = blk.diagnostics() == null ? null : blk.diagnostics().get("features");
                List<?> featureNames = names instanceof List<?> l ? l : List.of();
                for (int d = blk.offset(); d < blk.offset() + blk.dimension(); d++) {
                    double db = x[d] - b[d];
                    double da = x[d] - a[d];
                    double c = db * db - da * da;
                    contrib[i] += c;
                    int local = d - blk.offset();
                    dims.add(new UserExplanation.DimensionPull(blk.view() + ":" + (local < featureNames.size()
                            ? featureNames.get(local) : "#" + local), c));
                }
                total += contrib[i];
            }
            for (int i = 0; i < contrib.length; i++) {
                views.add(new UserExplanation.ViewPull(in.blocks().get(i).view(), contrib[i],
                        total == 0 ? 0 : contrib[i] / total));
            }
            views.sort(Comparator.comparingDouble((UserExplanation.ViewPull v) -> -v.contribution()));
            dims.sort(Comparator.comparingDouble((UserExplanation.DimensionPull v) -> -v.contribution()));
            dims = new ArrayList<>(dims.subList(0, Math.min(5, dims.size())));
            dims.removeIf(v -> v.contribution() <= 0);
        }
        int seg = in.userSegment()[u];
        List<UserExplanation.Reason> reasons = new ArrayList<>();
        if (seg >= 0) {
            for (SegmentProfile.FeatureLift l : profiles.segments().get(seg).distinguishing()) {
                int f = feats.indexOf(l.feature());
                if (f < 0) {
                    continue;
                }
                double v = feats.value(f, u);
                if (Double.isNaN(v)) {
                    continue;
                }
                boolean agrees = l.effect() > 0 ? v > l.populationValue() : v < l.populationValue();
                if (agrees) {
                    reasons.add(new UserExplanation.Reason(l.feature(), v, l.segmentValue(), l.populationValue()));
                }
            }
        }
        double margin = runner < 0 ? Double.NaN : t[3] - t[2];
        return new UserExplanation(pseudonymizer.apply(in.data().users().ids().id(u)), seg,
                seg < 0 ? "outlier" : in.segmentKeys().get(seg), runner,
                runner < 0 ? null : in.segmentKeys().get(runner),
                t[2], t[3], margin, confidence(in, u), views, dims, reasons);
    }
}
