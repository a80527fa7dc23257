package io.cohortlm.segment;

import io.cohortlm.CohortException;
import java.util.Arrays;

/**
 * A fitted segmentation: k centroids plus what the fit learned about them. Immutable and thread-safe; accessors
 * return copies.
 * <p>{@link #assign(float[])} is the single-user hot path: the centroids are kept transposed
 * (coordinate-major) so one query costs k·d fused multiply-adds with lanes over centroids and no reduction, then a
 * scan of k partial distances. It computes the same floats as the fit, so a training row is assigned to its
 * training segment.
 */
public final class SegmentModel {
    private final Metric metric;
    private final Centroids centroids;
    private final int[] sizes;
    private final int[] trainingLabels;
    private final FitDiagnostics diagnostics;
    private final String clusterer;
    private final DistanceKernel kernel;

    SegmentModel(Metric metric, Centroids centroids, int[] sizes, int[] trainingLabels, FitDiagnostics diagnostics,
                 String clusterer, DistanceKernel kernel) {
        this.metric = metric;
        this.centroids = centroids;
        this.sizes = sizes;
        this.trainingLabels = trainingLabels;
        this.diagnostics = diagnostics;
        this.clusterer = clusterer;
        this.kernel = kernel;
    }

    /**
     * A model from given centroids — a loaded bundle, or the centroids of a density segmentation — assigning by
     * nearest centroid with the selected kernel.
     */
    public static SegmentModel of(Metric metric, Matrix centroids, int[] sizes, int[] trainingLabels,
            FitDiagnostics diagnostics, String clusterer) {
        if (sizes.length != centroids.rows()) {
            throw new IllegalArgumentException("sizes must have one entry per centroid (" + centroids.rows()
                    + "), had " + sizes.length);
        }
        return new SegmentModel(metric, new Centroids(centroids.data().clone(), centroids.rows(), centroids.cols()),
                sizes.clone(), trainingLabels.clone(), diagnostics, clusterer, DistanceKernel.selected());
    }

    /** Number of segments. */
    public int k() {
        return centroids.k;
    }

    /** Dimension of the vectors. */
    public int dimension() {
        return centroids.d;
    }

    public Metric metric() {
        return metric;
    }

    /** Centroid of segment {@code c} (unit length for cosine). */
    public float[] centroid(int c) {
        return centroids.row(c);
    }

    /** All centroids, k × d. */
    public Matrix centroids() {
        return new Matrix(centroids.rows.clone(), centroids.k, centroids.d);
    }

    /** Training rows per segment (may contain zeros, see {@link KMeansClusterer}). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Segment of each training row, in row order. */
    public int[] trainingLabels() {
        return trainingLabels.clone();
    }

    public FitDiagnostics diagnostics() {
        return diagnostics;
    }

    /** The configured clusterer that produced this model (its configuration, for provenance). */
    public String clusterer() {
        return clusterer;
    }

    /** Segment, distance and confidence of one vector of length {@link #dimension()}. Allocation: one k-float scratch. */
    public Assignment assign(float[] vector) {
        checkLength(vector.length);
        return nearest(vector, 0, new float[centroids.kq], metric == Metric.COSINE ? new float[centroids.d] : null);
    }

    /** Assigns every row of {@code vectors} (columns must equal {@link #dimension()}). */
    public Assignments assignAll(Matrix vectors) {
        checkLength(vectors.cols());
        int n = vectors.rows();
        Assignments out = new Assignments(new int[n], new double[n], new double[n], new int[n]);
        float[] scratch = new float[centroids.kq];
        float[] unit = metric == Metric.COSINE ? new float[centroids.d] : null;
        for (int i = 0; i < n; i++) {
            assignInto(vectors.data(), i * vectors.cols(), scratch, unit, out, i);
        }
        return out;
    }

    private void checkLength(int len) {
        if (len != centroids.d) {
            throw new CohortException("vector length must be " + centroids.d + " (the model's dimension), was " + len);
        }
    }

    private void assignInto(float[] src, int off, float[] scratch, float[] unit, Assignments out, int at) {
        Assignment a = nearest(src, off, scratch, unit);
        out.segments()[at] = a.segment();
        out.distances()[at] = a.distance();
        out.confidences()[at] = a.confidence();
        out.runnerUps()[at] = a.runnerUp();
    }

    private Assignment nearest(float[] src, int off, float[] scratch, float[] unit) {
        final int d = centroids.d;
        float[] q = src;
        int qo = off;
        double sq = Rows.squaredNorm(src, off, d);
        if (unit != null) {
            if (sq == 0) {
                return new Assignment(0, 1.0, 0.0, centroids.k > 1 ? 1 : -1);
            }
            sq = Rows.unit(src, off, d, unit, 0, sq);
            q = unit;
            qo = 0;
        }
        kernel.queryPartials(q, qo, d, centroids.query, centroids.norms, centroids.kq, scratch);
        int best = 0;
        int second = -1;
        float p1 = Float.POSITIVE_INFINITY;
        float p2 = Float.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.k; c++) {
            float p = scratch[c];
            if (p < p1) {
                p2 = p1;
                second = best == c ? -1 : (p1 == Float.POSITIVE_INFINITY ? -1 : best);
                p1 = p;
                best = c;
            } else if (p < p2) {
                p2 = p;
                second = c;
            }
        }
        double d1 = distance(Math.max(0.0, sq + p1));
        double d2 = distance(Math.max(0.0, sq + p2));
        return new Assignment(best, d1, Assignment.margin(d1, d2), second);
    }

    private double distance(double squared) {
        return metric == Metric.COSINE ? squared / 2 : Math.sqrt(squared);
    }

    @Override
    public String toString() {
        return "SegmentModel[k=" + k() + ", d=" + dimension() + ", metric=" + metric + ", sizes="
                + Arrays.toString(sizes) + ", " + diagnostics.iterations() + " iterations]";
    }
}
