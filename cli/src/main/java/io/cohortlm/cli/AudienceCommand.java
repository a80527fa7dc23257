package io.cohortlm.cli;

import io.cohortlm.CohortException;
import io.cohortlm.serve.SegmentService;
import io.cohortlm.serve.ServiceException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortlm audience}: who should see a new product or campaign text — the model's segments ranked by how
 * close their members' history is to the text in item-text space, and the closest users (pseudonymised). The same
 * answer as {@code POST /v1/audience}.
 */
@Command(name = "audience", mixinStandardHelpOptions = true,
        description = "Who should see this product? Segments ranked by their members' affinity with a product or "
                + "campaign text (or a catalogue item's text), with sizes, and the closest users (pseudonymised).")
final class AudienceCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Bundle from 'cohortlm package'.")
    Path model;

    @Option(names = "--text", paramLabel = "TEXT", description = "Product or campaign text.")
    String text;

    @Option(names = "--item", paramLabel = "ID", description = "A catalogue item whose text is used instead.")
    String item;

    @Option(names = "--users", defaultValue = "20", description = "Closest users to list (default ${DEFAULT-VALUE}, "
            + "at most " + SegmentService.MAX_AUDIENCE_USERS + ").")
    int users;

    @Option(names = "--min-affinity", paramLabel = "X", description = "Affinity (cosine, -1..1) a user needs to be "
            + "reached (default: the closest 10% of users with a history).")
    Double minAffinity;

    @Option(names = "--min-size", defaultValue = "10", description = "Minimum segment size shown (default "
            + "${DEFAULT-VALUE}).")
    int minSize;

    @Option(names = "--state", paramLabel = "DIR", description = "The service's state folder, so forgotten users "
            + "stay out (default: MODEL_DIR.state beside the bundle).")
    Path state;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((text == null) == (item == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --text and --item");
        }
        Path stateDir = state != null ? state : model.toAbsolutePath().resolveSibling(model.getFileName() + ".state");
        PrintWriter w = spec.commandLine().getOut();
        try (SegmentService service = ServeCommand.open(model, new SegmentService.Settings(minSize,
                Runtime.getRuntime().availableProcessors(), 42, 0, stateDir), null)) {
            SegmentService.AudienceResult r = service.audience(new SegmentService.AudienceQuery(text, item, users,
                    minAffinity));
            w.printf(Locale.ROOT, "audience for %s: %,d of %,d users with a history reached (affinity ≥ %.3f: %s);"
                    + " %,d users have no history%n", r.source(), r.reached(), r.scored(), r.threshold(),
                    r.thresholdReason(), r.withoutHistory());
            w.printf(Locale.ROOT, "%n  %-8s %-40s %8s %8s %10s %6s%n", "segment", "name", "members", "reached",
                    "affinity", "lift");
            for (SegmentService.AudienceSegment s : r.segments()) {
                w.printf(Locale.ROOT, "  %-8d %-40s %8d %8d %10.3f %5.2f×%n", s.id(), clip(s.name(), 40), s.size(),
                        s.reached(), s.meanAffinity(), s.lift());
            }
            if (r.withheldUsers() > 0) {
                w.printf(Locale.ROOT, "  (%,d users in segments below the minimum size are in no row)%n",
                        r.withheldUsers());
            }
            if (!r.users().isEmpty()) {
                w.printf(Locale.ROOT, "%n  closest users (pseudonymised)%n");
                for (SegmentService.AudienceUser u : r.users()) {
                    w.printf(Locale.ROOT, "  %-20s segment %-4d affinity %.3f%n", u.user(), u.segment(), u.affinity());
                }
            }
            w.flush();
            return Main.EXIT_OK;
        } catch (ServiceException e) {
            throw new CohortException(e.getMessage());
        }
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
