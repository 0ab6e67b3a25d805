package dev.llmos.shell;

/** the connection to the daemon, opened (or the daemon started) on first use and then reused. */
final class Session implements AutoCloseable {
    private DaemonClient client;
    /** what the person said "always" to in this session's loops (actions, remote sending): see {@code LoopGrants}. */
    private final LoopGrants grants = new LoopGrants();
    private java.util.function.Function<String, String> prompter = question -> {
        java.io.Console console = System.console();
        return console == null ? null : console.readLine("%s", question);
    };

    /** asks the person at the terminal; null when there is nobody to ask. */
    String ask(String question) {
        return prompter.apply(question);
    }

    /** the repl asks through its line reader, which owns the terminal. */
    void prompter(java.util.function.Function<String, String> prompter) {
        this.prompter = prompter;
    }

    synchronized DaemonClient client(Connector connector) throws CliException {
        if (client == null) {
            client = connector.open();
        }
        return client;
    }

    LoopGrants grants() {
        return grants;
    }

    /** asks the daemon to cancel the running request (from a signal handler thread). */
    void cancelCurrent() {
        DaemonClient current;
        synchronized (this) {
            current = client;
        }
        if (current != null) {
            current.cancelCurrent();
        }
    }

    /** drops the connection so the next command reconnects (the repl after a daemon restart). */
    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
