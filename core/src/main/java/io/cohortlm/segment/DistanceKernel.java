package io.cohortlm.segment;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot loops of k-means: partial squared distances {@code ‖c‖² − 2 x·c} between row-major rows and centroids
 * kept transposed (coordinate-major: centroid {@code c}, coordinate {@code j} at {@code j·kq + c}, {@code kq} a
 * multiple of {@link #QUERY_PAD}, padding zero with norm +∞ so it never wins). The row's own {@code ‖x‖²} is added
 * by the caller, once per row.
 * <p>Two implementations compute bit-identical results: every dot product is one fused multiply-add per coordinate,
 * coordinates ascending, and the partial is {@code fma(dot, −2, ‖c‖²)}; the nearest centroid is the lowest index
 * among the minimal partials. So lanes, species and thread counts never change a result.
 * <ul>
 *   <li>{@code VectorKernel}: {@code jdk.incubator.vector}, lanes run over centroids, register-blocked 4 rows × 4
 *   centroid vectors (16 accumulators), one horizontal reduction per row at the end.</li>
 *   <li>{@link ScalarKernel}: plain Java, used when the incubator module is not present.</li>
 * </ul>
 * Instances are stateless and thread-safe.
 */
abstract class DistanceKernel {
    static final int QUERY_PAD = 16;
    private static final Logger LOG = LoggerFactory.getLogger(DistanceKernel.class);
    private static volatile DistanceKernel selected;

    /** Short name for diagnostics, e.g. {@code "vector(512-bit, 16 lanes)"} or {@code "scalar"}. */
    abstract String name();

    /**
     * Nearest centroid of four rows starting at {@code x[o0]}, ..., {@code x[o3]} (offsets may repeat).
     * {@code out[r]} receives row r's centroid index (an exact float), {@code out[4 + r]} its partial distance.
     */
    abstract void nearest4(float[] x, int o0, int o1, int o2, int o3, int d, float[] ct, float[] cn, int kq,
                           float[] out);

    /** Partial distances of four rows to every centroid: row r, centroid c at {@code out[r·kq + c]}. */
    abstract void partials4(float[] x, int o0, int o1, int o2, int o3, int d, float[] ct, float[] cn, int kq,
                            float[] out);

    /**
     * Partial distances of one query to every centroid, from the block layout {@link Centroids#query};
     * {@code out} receives kq entries. Same floats as {@link #nearest4} / {@link #partials4} compute.
     */
    abstract void queryPartials(float[] q, int qOff, int d, float[] query, float[] cn, int kq, float[] out);

    /** {@code s[so + j] += x[xo + j]} for {@code j < len}. */
    abstract void addRow(float[] x, int xo, float[] s, int so, int len);

    /** The kernel this JVM uses: the vector kernel when {@code jdk.incubator.vector} is present, else scalar. */
    static DistanceKernel selected() {
        DistanceKernel k = selected;
        if (k == null) {
            synchronized (DistanceKernel.class) {
                k = selected;
                if (k == null) {
                    k = choose();
                    selected = k;
                }
            }
        }
        return k;
    }

    private static DistanceKernel choose() {
        String forced = System.getProperty("cohortlm.kernel", "");
        if (forced.equalsIgnoreCase("scalar")) {
            LOG.info("k-means kernel: scalar (forced by -Dcohortlm.kernel=scalar)");
            return new ScalarKernel();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.info("k-means kernel: scalar (module jdk.incubator.vector not present; "
                    + "run java with --add-modules jdk.incubator.vector for the vector kernel)");
            return new ScalarKernel();
        }
        Optional<DistanceKernel> v = vector();
        if (v.isEmpty()) {
            LOG.info("k-means kernel: scalar (no SIMD species of 4 to 16 float lanes on this CPU)");
            return new ScalarKernel();
        }
        LOG.info("k-means kernel: {} (jdk.incubator.vector present)", v.get().name());
        return v.get();
    }

    /** The vector kernel if the module is present and the CPU has 4 to 16 float lanes. */
    static Optional<DistanceKernel> vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        try {
            Class<?> c = Class.forName("io.cohortlm.segment.VectorKernel");
            DistanceKernel k = (DistanceKernel) c.getDeclaredConstructor().newInstance();
            return k.name().startsWith("vector") ? Optional.of(k) : Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debug("vector kernel unavailable", e);
            return Optional.empty();
        }
    }
}
