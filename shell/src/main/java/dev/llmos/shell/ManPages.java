package dev.llmos.shell;

import dev.llmos.shell.cli.ManPage;
import java.util.List;

/** llmsh's man page, from the command model that parses its command line (written at build time). */
public final class ManPages {
    private ManPages() {
    }

    public static String llmsh(String version, String date) {
        return ManPage.render(Commands.root(), new ManPage.Info(1, version, date, ExitCodes.DOCUMENTED,
                List.of(
                        "LLM_OSD_SOCKET: the daemon's socket, unless --socket is given",
                        "XDG_RUNTIME_DIR: where the per-user daemon's socket lives (llm-osd/llm-osd.sock)",
                        "XDG_STATE_HOME: where the repl's history is kept (llmsh/history; else ~/.local/state)",
                        "HOME: ~ in path params, and the history's place without XDG_STATE_HOME",
                        "NO_COLOR: when set and not empty, no colour (unless --color=always)",
                        "TERM: dumb means no colour",
                        "LLMSH_PAGER, PAGER: the pager for long output on a terminal (default less; empty or cat: none); "
                                + "the command is split at spaces and run without a shell",
                        "LESS: options for less (default FRX: quit when the text fits, keep colours, leave it on the screen)",
                        "COLUMNS: the width to lay output out in when it does not go to a terminal",
                        "LLMOS_HOME: the installation, to start a per-user daemon when none runs"),
                List.of(
                        "/run/llm-osd/llm-osd.sock: the system daemon's socket",
                        "$XDG_RUNTIME_DIR/llm-osd/llm-osd.sock: a per-user daemon's socket",
                        "/etc/llm-os/policy.toml, /etc/llm-os/policy.d/*.toml: the system policy (per user: "
                                + "~/.config/llm-os/policy.toml)",
                        "$XDG_STATE_HOME/llmsh/history: the repl's history, mode 0600 in a 0700 directory"),
                List.of("llm-osd(8)", "llm-modeld(8)", "journalctl(1)", "systemctl(1)")));
    }
}
