package io.cohortlm.cli;

import io.cohortlm.CohortException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the {@code cohortlm} command. One subcommand per pipeline stage; each is thin: parse flags,
 * call the library, render. Errors are mapped to exit codes here and only here:
 * <ul>
 *   <li>0 — success</li>
 *   <li>1 — data or runtime error ({@link CohortException}: one line, no stack trace unless --verbose)</li>
 *   <li>2 — usage error (unknown flag, bad flag value)</li>
 * </ul>
 */
@Command(name = "cohortlm", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "User segments from language models, and segment-aware recommendation.",
        subcommands = {IngestCommand.class, EmbedCommand.class, SegmentCommand.class, AssignCommand.class,
                ExplainCommand.class, EvaluateCommand.class, PackageCommand.class, ServeCommand.class, AudienceCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_DATA = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces for errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; used by tests to run in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            boolean verbose = parsed.hasMatchedOption("--verbose");
            Throwable t = ex;
            if (t instanceof CohortException) {
                err.println("error: " + t.getMessage());
                if (verbose) {
                    t.printStackTrace(err);
                }
                return EXIT_DATA;
            }
            err.println("internal error: " + t + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
            if (verbose) {
                t.printStackTrace(err);
            }
            return EXIT_DATA;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("usage error: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return EXIT_USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cohortlm " + (v == null ? "dev" : v)};
        }
    }
}
