package dev.llmos.actions.files;

/** permission bits as octal text, both ways. */
final class Modes {
    private Modes() {
    }

    /** {@code 0644} style text of the permission bits. */
    static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }

    /** the bits of octal text such as {@code 644} or {@code 4755}. */
    static int parse(String octal) {
        return Integer.parseInt(octal, 8) & 07777;
    }
}
