package io.cohortlm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the demo lands (issue 2). */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run every stage on bundled data.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new io.cohortlm.CohortException("demo is not built yet");
    }
}
