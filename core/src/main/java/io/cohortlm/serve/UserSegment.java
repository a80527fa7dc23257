package io.cohortlm.serve;

import java.util.List;

/**
 * Where a user sits.
 *
 * @param user         pseudonymised id
 * @param segment      stable segment id, -1 for none, -2 for a segment withheld by the minimum-size rule
 * @param segmentName  persona name ("other" when withheld)
 * @param confidence   margin to the runner-up, in [0, 1]
 * @param distance     distance to the segment centre
 * @param runnerUp     stable id of the second-nearest visible segment, or -1
 * @param runnerUpName its name, or empty
 * @param outlier      farther from the centre than 99% of the segment's members
 * @param reasons      short readable reasons
 * @param events       events known for the user (training + received)
 * @param updated      whether events received by the service have moved the user since the bundle was built
 */
public record UserSegment(String user, int segment, String segmentName, double confidence, double distance,
        int runnerUp, String runnerUpName, boolean outlier, List<String> reasons, int events, boolean updated) {
    public UserSegment {
        reasons = List.copyOf(reasons);
    }
}
