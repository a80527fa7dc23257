package io.cohortlm.cli;

import io.cohortlm.ingest.DataSources;
import io.cohortlm.ingest.IngestOptions;
import io.cohortlm.ingest.IngestResult;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} / {@code --mapping} options shared by every command that reads a dataset. */
final class DataInput {
    @Option(names = "--data", required = true, paramLabel = "FORMAT:PATH",
            description = "Data source: csv, tsv, jsonl, movielens, online-retail, dataset (a folder written by "
                    + "'cohortlm ingest') or synthetic, e.g. dataset:out/retail or synthetic:users=5000,lang=zh")
    String data;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Mapping file (YAML/JSON) for csv, tsv, jsonl.")
    Path mapping;

    /** Reads the dataset; bad rows stop the run (ingest first to skip or quarantine them). */
    IngestResult load() {
        return DataSources.standard().ingest(data, IngestOptions.defaults().withMapping(mapping));
    }
}
