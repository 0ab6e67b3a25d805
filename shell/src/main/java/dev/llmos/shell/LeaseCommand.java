package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Methods;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code llmsh lease KIND DURATION}, {@code llmsh lease revoke [KIND]}, {@code llmsh lease list}. */
@Command(name = "lease", description = "Take a time-limited lease (e.g. input 10m) so its actions run without asking.",
        subcommands = {LeaseCommand.Revoke.class, LeaseCommand.ListLeases.class})
final class LeaseCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smh]?)");

    @ParentCommand
    Llmsh root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND",
            description = "The lease kind, e.g. input (keyboard and mouse).")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DURATION", description = "How long: 90s, 10m, 2h (at most 12h).")
    String duration;

    @Override
    public Integer call() throws CliException {
        if (kind == null || duration == null) {
            throw new CliException(ExitCodes.USAGE, "usage: llmsh lease KIND DURATION | lease revoke [KIND] | lease list");
        }
        ObjectNode params = Llmsh.params().put("kind", kind).put("duration_s", seconds(duration));
        JsonNode lease = Confirming.call(root, Methods.LEASE_GRANT, params);
        root.print(lease, out -> out.println(lease.path("kind").asText() + " lease until " + lease.path("expires").asText()));
        return ExitCodes.OK;
    }

    /** seconds in a duration such as {@code 90s}, {@code 10m}, {@code 2h} (a bare number is seconds). */
    static int seconds(String text) throws CliException {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CliException(ExitCodes.USAGE, "not a duration: " + text + " (use e.g. 90s, 10m, 2h)");
        }
        long value = Long.parseLong(m.group(1));
        long seconds = switch (m.group(2)) {
            case "m" -> value * 60;
            case "h" -> value * 3600;
            default -> value;
        };
        if (seconds < 1 || seconds > 12 * 3600) {
            throw new CliException(ExitCodes.USAGE, "a lease lasts from 1 s to 12 h, not " + text);
        }
        return (int) seconds;
    }

    @Command(name = "revoke", description = "End your leases of KIND, or all of them.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        LeaseCommand lease;

        @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "The lease kind; all when absent.")
        String kind;

        @Override
        public Integer call() throws CliException {
            ObjectNode params = Llmsh.params();
            if (kind != null) {
                params.put("kind", kind);
            }
            JsonNode result = lease.root.call(Methods.LEASE_REVOKE, params);
            lease.root.print(result, out -> out.println("revoked " + result.path("revoked").size() + " lease(s)"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Show your live leases and the kinds there are.")
    static final class ListLeases implements Callable<Integer> {
        @ParentCommand
        LeaseCommand lease;

        @Override
        public Integer call() throws CliException {
            JsonNode result = lease.root.call(Methods.LEASE_LIST, Llmsh.params());
            lease.root.print(result, out -> Render.value(out, result));
            return ExitCodes.OK;
        }
    }
}
