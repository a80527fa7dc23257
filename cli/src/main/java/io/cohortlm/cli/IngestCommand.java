package io.cohortlm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until ingest lands (issue 2). */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Read a dataset and write it normalised.")
final class IngestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new io.cohortlm.CohortException("ingest is not built yet");
    }
}
