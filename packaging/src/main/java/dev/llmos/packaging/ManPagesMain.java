package dev.llmos.packaging;

import dev.llmos.shell.ManPages;
import dev.llmos.shell.cli.Arg;
import dev.llmos.shell.cli.Cmd;
import dev.llmos.shell.cli.ManPage;
import dev.llmos.shell.cli.Opt;
import dev.llmos.shell.cli.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * writes the man pages at build time: llmsh(1) from llmsh's command model, llm-osd(8) and
 * llm-modeld(8) from the picocli models that parse their command lines, all through one roff
 * writer. usage: {@code ManPagesMain OUTDIR VERSION DATE}.
 */
public final class ManPagesMain {
    private ManPagesMain() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[0]));
        String version = args[1];
        String date = args[2];
        Files.writeString(out.resolve("llmsh.1"), ManPages.llmsh(version, date));
        Files.writeString(out.resolve("llm-osd.8"), ManPage.render(fromPicocli(new CommandLine(new dev.llmos.daemon.Main())
                .getCommandSpec()), new ManPage.Info(8, version, date,
                List.of("0: stopped as asked (idle exit, SIGTERM)", "1: could not start: the socket is in use, the state "
                        + "directory or the policy is unusable (the message says which)", "2: usage error"),
                List.of("LLM_OSD_SOCKET: the socket to bind unless --socket is given",
                        "LISTEN_FDS, LISTEN_PID: a socket passed by systemd socket activation (as fd 3)",
                        "XDG_RUNTIME_DIR, XDG_STATE_HOME, XDG_CONFIG_HOME: a per-user daemon's socket, state and policy"),
                List.of("/run/llm-osd/llm-osd.sock: the system socket",
                        "/var/lib/llm-osd: audit log, undo journal, quarantine, plan cache",
                        "/etc/llm-os/policy.toml, /etc/llm-os/policy.d/*.toml: policy rules, reloaded on SIGHUP",
                        "/etc/llm-os/planner.toml: planner and language model backends"),
                List.of("llmsh(1)", "llm-modeld(8)", "systemd.socket(5)"))));
        Files.writeString(out.resolve("llm-modeld.8"), ManPage.render(fromPicocli(new CommandLine(
                new dev.llmos.modeld.ModeldMain()).getCommandSpec()), new ManPage.Info(8, version, date,
                List.of("0: stopped as asked (idle exit, SIGTERM)", "1: could not start (no model file, socket in use)",
                        "2: usage error"),
                List.of("LISTEN_FDS, LISTEN_PID: a socket passed by systemd socket activation",
                        "LLMOS_MODEL: the model file, in the shipped unit's environment file"),
                List.of("/etc/llm-os/modeld.env: the unit's environment (LLMOS_MODEL)",
                        "/run/llm-modeld/llm-modeld.sock: the shipped unit's socket"),
                List.of("llm-osd(8)", "llmsh(1)"))));
    }

    /** a picocli command model as the roff writer's model: name, description, options, positionals. */
    static Cmd<Void> fromPicocli(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        String summary = description.length == 0 ? "" : description[0];
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < description.length; i++) {
            rest.add(description[i]);
        }
        Cmd<Void> command = Cmd.<Void>of(spec.name(), summary).describedAs(rest.toArray(String[]::new));
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            List<String> names = new ArrayList<>(List.of(option.names()));
            names.sort((a, b) -> Integer.compare(b.length(), a.length()));
            String text = String.join(" ", option.description());
            String label = option.arity().max() > 0 ? option.paramLabel() : null;
            command = command.withOptions(new Opt(names, label, text, Values.NONE, false));
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            if (!positional.hidden()) {
                command = command.withArgs(new Arg(positional.paramLabel(), positional.arity().min(),
                        positional.arity().isVariable() ? Arg.MANY : Math.max(1, positional.arity().max()),
                        String.join(" ", positional.description()), Values.NONE));
            }
        }
        return command;
    }
}
