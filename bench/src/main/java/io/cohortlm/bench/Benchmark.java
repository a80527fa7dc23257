package io.cohortlm.bench;

import java.nio.file.Path;
import java.util.List;

/** One named benchmark run by {@code bench/run NAME}: measures, prints a table, returns the JSON result. */
public interface Benchmark {
    /** The name used on the command line and for {@code NAME.json}. */
    String name();

    /** One line describing what is measured. */
    String description();

    /**
     * Runs the benchmark.
     *
     * @param args remaining command-line arguments (benchmark-specific options)
     * @param out  folder for {@code NAME.json} and any scratch files
     * @return the result, written by the caller as {@code out/NAME.json}
     */
    BenchResult run(List<String> args, Path out) throws Exception;
}
