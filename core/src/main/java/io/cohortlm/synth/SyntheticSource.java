package io.cohortlm.synth;

import io.cohortlm.data.Dataset;
import io.cohortlm.ingest.DataSource;
import io.cohortlm.ingest.FileCounts;
import io.cohortlm.ingest.IngestOptions;
import io.cohortlm.ingest.IngestResult;
import io.cohortlm.ingest.IngestSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code synthetic:<spec>} data source, e.g. {@code synthetic:users=5000,seed=7,lang=zh}: generates a dataset
 * with planted segments ({@link SyntheticConfig#parse}) and carries its ground truth. Every generated event is
 * a row read and accepted.
 */
public final class SyntheticSource implements DataSource {
    private final SyntheticConfig config;

    public SyntheticSource(String spec) {
        this.config = SyntheticConfig.parse(spec);
    }

    @Override
    public IngestResult read(IngestOptions options) {
        SyntheticData data = SyntheticGenerator.generate(config);
        Dataset d = data.dataset();
        int events = d.events().size();
        Map<String, Long> details = new LinkedHashMap<>();
        details.put("planted_segments", (long) data.truth().segmentCount());
        IngestSummary summary = IngestSummary.of("synthetic:" + config.toSpec(),
                List.of(new FileCounts("synthetic:" + config.toSpec(), events, events, Map.of(), 0)),
                d.users().size(), d.items().size(), events, details);
        return new IngestResult(d, summary, data.truth());
    }
}
