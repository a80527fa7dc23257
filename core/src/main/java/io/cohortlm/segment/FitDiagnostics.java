package io.cohortlm.segment;

/**
 * How a fit went.
 *
 * @param iterations         Lloyd iterations (or mini-batch steps) run by the kept restart
 * @param converged          whether it stopped on the tolerance or on unchanged assignments before the cap
 * @param inertia            sum over training rows of the squared Euclidean distance to their centroid
 *                           (cosine: sum of cosine distances), for the returned centroids
 * @param iterationSeconds   wall time of each iteration of the kept restart (assignment + update), seconds
 * @param initSeconds        wall time of the kept restart's initialisation, seconds
 * @param totalSeconds       wall time of the whole fit, all restarts included, seconds
 * @param restarts           restarts run ({@code nInit})
 * @param emptyClusterRepairs times an empty cluster was re-seeded in the kept restart
 * @param kernel             the distance kernel used ({@code "vector(...)"} or {@code "scalar"})
 */
public record FitDiagnostics(int iterations, boolean converged, double inertia, double[] iterationSeconds,
                             double initSeconds, double totalSeconds, int restarts, int emptyClusterRepairs,
                             String kernel) {
    /** Mean seconds per iteration, NaN if none ran. */
    public double secondsPerIteration() {
        if (iterationSeconds.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double t : iterationSeconds) {
            s += t;
        }
        return s / iterationSeconds.length;
    }
}
