package dev.llmos.shell;

import dev.llmos.loop.Budget;
import dev.llmos.shell.cli.Arg;
import dev.llmos.shell.cli.Cmd;
import dev.llmos.shell.cli.Opt;
import dev.llmos.shell.cli.Values;

/**
 * llmsh's command line as data: every command, option and argument with its help text. parsing,
 * {@code --help}, the man page and shell completion are all made from this one tree.
 */
final class Commands {
    static final String SOCKET = "--socket";
    static final String HOST = "--host";
    static final String JSON = "--json";
    static final String YES = "--yes";
    static final String CONFIRM = "--confirm";
    static final String NO_AUTOSTART = "--no-autostart";
    static final String COLOR = "--color";
    static final String NO_PAGER = "--no-pager";
    static final String DRY_RUN = "--dry-run";

    /** dynamic completion kinds (see {@link Completer}). */
    static final Values ACTIONS = new Values.Dynamic("actions");
    static final Values PARAMS = new Values.Dynamic("params");
    static final Values TXIDS = new Values.Dynamic("txids");
    static final Values COMMANDS = new Values.Dynamic("commands");
    static final Values LEASE_KINDS = Values.of("input");

    private static final Opt HELP = Opt.flag("Show this help and exit.", "--help", "-h").asGlobal();
    private static final Opt DRY_RUN_OPT = Opt.flag("Decide and preview only; change nothing.", DRY_RUN);
    private static final Arg PAIRS = Arg.many("KEY=VALUE", 0, PARAMS,
            "Params, typed by the action's schema: numbers, true/false, comma lists; path params accept ., ~, ~user "
                    + "and paths relative to the current directory.");
    private static final Arg TEXT = Arg.many("TEXT", 1, Values.NONE, "What you want, in plain words.");

    private Commands() {
    }

    static Cmd<Handler> root() {
        return Cmd.<Handler>of("llmsh", "Operate this machine in plain words or typed actions, through llm-osd.")
                .describedAs("Plain words are planned into typed actions, shown, confirmed when policy asks, and run. "
                        + "A single word that looks like a command (a mistyped one, an action name) is never sent to "
                        + "the planner: llmsh says what it probably meant instead. With no arguments on a terminal, "
                        + "llmsh is an interactive shell.")
                .withOptions(
                        Opt.value("PATH", Values.FILES, "Daemon socket (default: $LLM_OSD_SOCKET, the system socket, "
                                + "then the per-user one); with --host, the daemon's socket on that host.", SOCKET).asGlobal(),
                        Opt.value("[USER@]HOST", Values.NONE, "Talk to llm-osd on HOST through openssh, as USER there "
                                + "(default: $LLMOS_HOST; '' for this machine).", HOST).asGlobal(),
                        Opt.flag("Print the json-rpc result (or error object) as one json document, exactly as the "
                                + "daemon sent it.", JSON).asGlobal(),
                        Opt.flag("Confirm what policy asks about, without asking.", YES, "-y").asGlobal(),
                        Opt.value("TOKEN", Values.NONE, "Confirm with the token of an earlier answer that asked for "
                                + "confirmation (data.confirm in --json), for scripts; the request must be the same.",
                                CONFIRM).asGlobal(),
                        Opt.flag("Do not start a per-user daemon when none is running.", NO_AUTOSTART).asGlobal(),
                        Opt.value("WHEN", Values.of("auto", "always", "never"), "Colour: auto (on a terminal, unless "
                                + "NO_COLOR is set or TERM is dumb), always or never.", COLOR).asGlobal(),
                        Opt.flag("Never send long output to a pager.", NO_PAGER).asGlobal(),
                        HELP,
                        Opt.flag("Print the version and exit.", "--version", "-V"))
                .withArgs(new Arg("TEXT", 0, Arg.MANY, "What you want, in plain words.", Values.NONE))
                .runs(AskCommand::plainWords)
                .withSubcommands(ask(), replay(), plan(), apply(), actions(), describe(), doCommand(), status(), undo(),
                        audit(), policy(), lease(), mcp(), fleet(), completion(), help(), complete())
                .withExamples(
                        "llmsh what is using my disk            # plain words: plan, show, confirm, run",
                        "llmsh do fs.list path=. limit=5        # one typed action, no planner",
                        "llmsh --json do sys.info | jq .output  # the result for scripts",
                        "llmsh                                  # interactive shell");
    }

    private static Cmd<Handler> ask() {
        Budget budget = Budget.DEFAULT;
        return Cmd.<Handler>of("ask", "Let a model work on what you ask: it reads, proposes changes you confirm, and answers.")
                .describedAs("The model reads the machine through read-only actions, which run at once within a "
                        + "budget; it proposes changes, which are shown with their previews and run only if you "
                        + "agree ([y]es, [N]o, [a]lways for that action this session); it ends with an answer citing "
                        + "the steps it used ([s1] ... under sources:, with their transactions). Action output reaches "
                        + "it as data, never as instructions. Ctrl-C cancels what runs and ends the loop. The "
                        + "transcript is saved (llmsh replay FILE). Without a model configured, the embedded router "
                        + "plans one step, as plain words do.")
                .withOptions(
                        Opt.value("N", Values.NONE, "The most actions the model may run (default: " + budget.steps()
                                + ").", AskCommand.MAX_STEPS),
                        Opt.value("N", Values.NONE, "The most prompt tokens in all (default: " + budget.tokensIn() + ").",
                                AskCommand.MAX_TOKENS_IN),
                        Opt.value("N", Values.NONE, "The most generated tokens in all (default: " + budget.tokensOut()
                                + ").", AskCommand.MAX_TOKENS_OUT),
                        Opt.value("SECONDS", Values.NONE, "The most wall time (default: " + budget.wallSeconds() + ").",
                                AskCommand.MAX_TIME),
                        Opt.value("N", Values.NONE, "The most bytes of action output fed back to the model in all "
                                + "(default: " + budget.outputBytes() + ").", AskCommand.MAX_OUTPUT_BYTES),
                        Opt.value("N", Values.NONE, "The most bytes of one action's output fed back; more is cut, saying "
                                + "so (default: " + budget.stepBytes() + ").", AskCommand.MAX_STEP_BYTES),
                        Opt.value("FILE", Values.FILES, "Save the transcript here (default: a new file under your state "
                                + "directory).", AskCommand.TRANSCRIPT))
                .withArgs(TEXT)
                .runs(AskCommand::run)
                .withExamples("llmsh ask why is my disk full",
                        "llmsh ask --max-steps 8 find what listens on 8080 and stop it")
                .withExitCodes("0: answered", "1: a budget ended the loop, or an action failed it", "5: a change needed "
                        + "your confirmation and nobody could give it", "6: no model answered, or its answer stayed "
                        + "invalid", "130: ctrl-c");
    }

    private static Cmd<Handler> replay() {
        return Cmd.<Handler>of("replay", "Run a saved loop again with its recorded model turns (no model) and show "
                        + "where the machine now answers differently.")
                .describedAs("Reads run again; changes ask you again (what you declined then is declined again). On "
                        + "an unchanged machine the new transcript equals the old one byte for byte.")
                .withArgs(Arg.one("FILE", Values.FILES, "A transcript saved by 'llmsh ask'."))
                .runs(ReplayCommand::run)
                .withExitCodes("0: the machine answered exactly as recorded", "1: it now answers differently");
    }

    private static Cmd<Handler> plan() {
        return Cmd.<Handler>of("plan", "Plan what you ask for without running it; print the plan or save it for "
                + "'llmsh apply'.")
                .withOptions(Opt.value("FILE", Values.FILES, "Save the plan json to FILE.", "--output", "-o"))
                .withArgs(TEXT)
                .runs(PlanCommand::run)
                .withSubcommands(Cmd.<Handler>of("export", "Write a saved plan as an ansible playbook of ansible's own "
                                + "modules.")
                        .describedAs("Each task names the plan step it comes from; every module supports check mode "
                                + "(ansible-playbook --check). Plan text is written !unsafe, so ansible never templates "
                                + "it. A plan with a step no ansible module does faithfully (a move, an append, a read, "
                                + "llm-os's quarantine) is refused whole, listing every such step; nothing is ever "
                                + "approximated with a shell string. The playbook runs with ansible's privileges, not "
                                + "through llm-osd's policy, audit or undo.")
                        .withOptions(Opt.flag("Write an ansible playbook (the only format so far).", FleetCommand.ANSIBLE),
                                Opt.value("FILE", Values.FILES, "Write the playbook to FILE (default: stdout).",
                                        "--output", "-o"))
                        .withArgs(Arg.one("FILE", Values.FILES, "The plan json (from 'llmsh plan -o')."))
                        .runs(FleetCommand::export)
                        .withExamples("llmsh plan export --ansible motd.json -o motd.yml")
                        .withExitCodes("0: written", "1: some steps have no faithful ansible module (listed)",
                                "2: not a plan"))
                .withExamples("llmsh plan delete old files in ~/tmp -o cleanup.json");
    }

    private static Cmd<Handler> apply() {
        return Cmd.<Handler>of("apply", "Run a saved plan (from 'llmsh plan -o'); no planner or llm is involved.")
                .withOptions(DRY_RUN_OPT)
                .withArgs(Arg.one("FILE", Values.FILES, "The plan json."))
                .runs(ApplyCommand::run);
    }

    private static Cmd<Handler> fleet() {
        return Cmd.<Handler>of("fleet", "Apply a saved plan to many hosts with ansible.")
                .withSubcommands(Cmd.<Handler>of("apply", "Run a saved plan on every host of an ansible inventory with "
                                + "ansible-playbook, and report each host.")
                        .describedAs("The plan is exported as by 'llmsh plan export --ansible' and run by the real "
                                + "ansible-playbook (Debian package ansible), with your ssh setup and the inventory's "
                                + "variables. A host that fails or cannot be reached is reported; the others go on. "
                                + "Running it again changes nothing that is already as the plan wants.")
                        .withOptions(Opt.value("INVENTORY", Values.FILES, "The ansible inventory (ini, yaml or a "
                                        + "directory); required.", FleetCommand.INVENTORY, "-i"),
                                Opt.flag("Dry run (ansible's check mode, or llm-osd's dry run); nothing changes.",
                                        FleetCommand.CHECK),
                                Opt.value("HOW", Values.of("ansible", "llm-osd"), "ansible (default): a playbook of "
                                        + "ansible's modules, run by ansible-playbook with ansible's privileges; llm-osd: "
                                        + "the plan through each host's own llm-osd over ssh (as llmsh --host), so each "
                                        + "host's policy, confirmation (--yes), audit and undo apply.", FleetCommand.VIA))
                        .withArgs(Arg.one("FILE", Values.FILES, "The plan json (from 'llmsh plan -o')."))
                        .runs(FleetCommand::apply)
                        .withExamples("llmsh fleet apply -i hosts.ini --check motd.json",
                                "llmsh fleet apply -i hosts.ini motd.json")
                        .withExitCodes("0: every host is as the plan wants", "1: a host failed or was unreachable, "
                                + "or a step has no faithful ansible module", "2: usage"));
    }

    private static Cmd<Handler> actions() {
        return Cmd.<Handler>of("actions", "List every action: name, risk, description.")
                .runs(ActionsCommand::run);
    }

    private static Cmd<Handler> describe() {
        return Cmd.<Handler>of("describe", "Show one action's params (types, defaults, bounds) and examples.")
                .withArgs(Arg.one("ACTION", ACTIONS, "Action name, e.g. fs.list."))
                .runs(DescribeCommand::run);
    }

    private static Cmd<Handler> doCommand() {
        return Cmd.<Handler>of("do", "Run one typed action, no planner or llm involved.")
                .describedAs("Values are typed by the action's schema ('llmsh describe ACTION'). Path params resolve "
                        + "., ~, ~user and relative paths against the current directory. Policy may ask for "
                        + "confirmation: on a terminal llmsh shows what would change and asks; otherwise use --yes or "
                        + "--confirm TOKEN.")
                .withOptions(
                        Opt.value("JSON", Values.NONE, "Params as a json object (KEY=VALUE pairs override).", "--params"),
                        Opt.flag("Validate and preview only; change nothing. Exits 1 when the preview reports an error.",
                                DRY_RUN))
                .withArgs(Arg.one("ACTION", ACTIONS, "Action name, e.g. fs.list."), PAIRS)
                .runs(DoCommand::run)
                .withExamples(
                        "llmsh do fs.list path=. limit=5",
                        "llmsh do fs.read path=~/notes.txt",
                        "llmsh --yes do proc.run argv=uname,-a",
                        "llmsh do fs.write path=/tmp/x content=hi --dry-run");
    }

    private static Cmd<Handler> status() {
        return Cmd.<Handler>of("status", "Show the daemon's state and your identity as it sees it.")
                .runs(StatusCommand::run);
    }

    private static Cmd<Handler> undo() {
        return Cmd.<Handler>of("undo", "Undo a change by its transaction id (see --list).")
                .withOptions(Opt.flag("List what can be undone, newest first.", "--list"), DRY_RUN_OPT)
                .withArgs(Arg.optional("TXID", TXIDS, "The transaction to undo, e.g. tx-019a...-0001."))
                .runs(UndoCommand::run)
                .withExamples("llmsh undo --list", "llmsh undo tx-01a24b7ce20d-0000");
    }

    private static Cmd<Handler> audit() {
        return Cmd.<Handler>of("audit", "Read or verify the tamper-evident audit log.")
                .withSubcommands(
                        Cmd.<Handler>of("tail", "Show the newest audit records (yours, unless you are root).")
                                .withOptions(Opt.value("N", Values.NONE, "How many records (default: 20).", "--limit", "-n"))
                                .runs(AuditCommand::tail),
                        Cmd.<Handler>of("verify", "Check the audit chain: exit 0 when intact, 1 when broken.")
                                .runs(AuditCommand::verify)
                                .withExitCodes("0: the chain is intact", "1: the chain is broken"));
    }

    private static Cmd<Handler> policy() {
        Arg action = Arg.one("ACTION", ACTIONS, "Action name.");
        return Cmd.<Handler>of("policy", "Explain policy decisions, suggest rules, or show the effective policy.")
                .withSubcommands(
                        Cmd.<Handler>of("check", "Explain the decision for an action and which rules matched.")
                                .withArgs(action, PAIRS)
                                .runs(PolicyCommand::check)
                                .withExamples("llmsh policy check fs.delete path=/etc/passwd"),
                        Cmd.<Handler>of("suggest", "A minimal rule that would allow this exact request, checked by the "
                                        + "policy loader, and the file to add it to.")
                                .describedAs("The rule names you, the action, its exact paths and params, and a match "
                                        + "example; it asks for confirmation where policy denies today, and allows "
                                        + "where it asks (or as --decision says). Protections of system paths cannot "
                                        + "be lifted by any rule: then llmsh says so.")
                                .withOptions(Opt.value("DECISION", Values.of("allow", "ask"),
                                        "The decision the rule gives (default: one step more permissive than today).",
                                        "--decision"))
                                .withArgs(action, PAIRS)
                                .runs(PolicyCommand::suggest)
                                .withExamples("llmsh policy suggest sys.set_hostname hostname=web1"),
                        Cmd.<Handler>of("show", "Print the effective policy.")
                                .runs(PolicyCommand::show));
    }

    private static Cmd<Handler> lease() {
        return Cmd.<Handler>of("lease", "Take a time-limited lease (e.g. input 10m) so its actions run without asking.")
                .withArgs(Arg.optional("KIND", LEASE_KINDS, "The lease kind, e.g. input (keyboard and mouse)."),
                        Arg.optional("DURATION", Values.NONE, "How long: 90s, 10m, 2h (at most 12h)."))
                .runs(LeaseCommand::grant)
                .withSubcommands(
                        Cmd.<Handler>of("revoke", "End your leases of KIND, or all of them.")
                                .withArgs(Arg.optional("KIND", LEASE_KINDS, "The lease kind; all when absent."))
                                .runs(LeaseCommand::revoke),
                        Cmd.<Handler>of("list", "Show your live leases and the kinds there are.")
                                .runs(LeaseCommand::list))
                .withExamples("llmsh lease input 10m", "llmsh lease revoke");
    }

    private static Cmd<Handler> mcp() {
        return Cmd.<Handler>of("mcp", "Serve every action to MCP clients, under the same policy, confirmation and audit.")
                .describedAs("stdio by default (how clients start local servers); --http serves streamable http on "
                        + "loopback or a unix socket, behind a per-user bearer token. When policy asks, the person "
                        + "confirms in the client (or runs the llmsh command the tool error names). See docs/mcp.md.")
                .withOptions(
                        Opt.flag("Serve streamable http instead of stdio.", McpCommand.HTTP),
                        Opt.value("HOST:PORT|unix:PATH", Values.NONE, "Where --http listens: a loopback address or a "
                                + "unix socket (default 127.0.0.1:8377).", McpCommand.LISTEN),
                        Opt.value("FILE", Values.FILES, "The bearer token --http requires (default "
                                + "$XDG_CONFIG_HOME/llm-os/mcp-token, made 0600 on first use).", McpCommand.TOKEN_FILE))
                .runs(McpCommand::run)
                .withExamples("llmsh mcp", "llmsh mcp --http --listen unix:/run/user/1000/llmos-mcp.sock");
    }

    private static Cmd<Handler> completion() {
        return Cmd.<Handler>of("completion", "Print a completion script for bash, zsh or fish.")
                .describedAs("Completes commands, options, action names and each action's param names from the "
                        + "daemon's catalog. Install: llmsh completion bash > /etc/bash_completion.d/llmsh, "
                        + "llmsh completion zsh > \"${fpath[1]}/_llmsh\", "
                        + "llmsh completion fish > ~/.config/fish/completions/llmsh.fish.")
                .withArgs(Arg.one("SHELL", Values.of("bash", "zsh", "fish"), "bash, zsh or fish."))
                .runs(CompletionCommand::script);
    }

    private static Cmd<Handler> help() {
        return Cmd.<Handler>of("help", "Show the help of llmsh or of a command.")
                .withArgs(new Arg("COMMAND", 0, Arg.MANY, "The command, e.g. do or audit tail.", COMMANDS))
                .runs(HelpCommand::run);
    }

    private static Cmd<Handler> complete() {
        return Cmd.<Handler>of("__complete", "Completion candidates for the words of a command line (used by the "
                        + "completion scripts).")
                .withArgs(new Arg("WORD", 0, Arg.MANY, "The words so far; the last is the one being completed.",
                        Values.NONE))
                .runs(CompletionCommand::candidates)
                .asHidden();
    }
}
