package dev.llmos.shell;

import java.util.function.Function;

/** the connection to the daemon, opened (or the daemon started) on first use and then reused. */
final class Session implements AutoCloseable {
    private DaemonClient client;
    /** what the person said "always" to in this session's loops (actions, remote sending): see {@code LoopGrants}. */
    private final LoopGrants grants = new LoopGrants();
    private java.io.BufferedReader stdin;
    /** asks on stderr and reads the answer from stdin (a terminal: llmsh asks only then), stdout may be a file. */
    private Function<String, String> prompter = question -> {
        System.err.print(question);
        System.err.flush();
        try {
            if (stdin == null) {
                stdin = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
            }
            return stdin.readLine();
        } catch (java.io.IOException e) {
            return null;
        }
    };

    /** asks the person at the terminal; null when there is nobody to ask. */
    String ask(String question) {
        return prompter.apply(question);
    }

    /** the repl asks through its line reader, which owns the terminal. */
    void prompter(Function<String, String> prompter) {
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
