package dev.llmos.shell.render;

/** the few ansi styles llmsh uses; shown only when colour is on. */
public enum Style {
    BOLD("1"),
    DIM("2"),
    RED("31"),
    GREEN("32"),
    YELLOW("33"),
    CYAN("36"),
    BOLD_RED("1;31");

    private final String sgr;

    Style(String sgr) {
        this.sgr = sgr;
    }

    String start() {
        return "\033[" + sgr + "m";
    }

    static final String RESET = "\033[0m";
}
