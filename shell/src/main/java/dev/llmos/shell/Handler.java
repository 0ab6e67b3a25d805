package dev.llmos.shell;

import dev.llmos.shell.cli.Parsed;

/** what runs one llmsh command: the parsed line in, an exit code out. */
@FunctionalInterface
interface Handler {
    int run(Context context, Parsed<Handler> line) throws CliException;
}
