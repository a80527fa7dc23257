package io.cohortlm.segment;

/** Run in a child JVM by {@link KernelSelectionTest}: prints the selected kernel and a tiny fit's sizes. */
public final class KernelProbe {
    private KernelProbe() {
    }

    public static void main(String[] args) {
        SegmentModel m = new KMeansClusterer(KMeansConfig.defaults(2).withThreads(1))
                .fit(new float[][] {{0, 0}, {0, 1}, {10, 10}, {10, 11}});
        System.out.println("kernel=" + m.diagnostics().kernel() + " sizes=" + java.util.Arrays.toString(m.sizes()));
    }
}
