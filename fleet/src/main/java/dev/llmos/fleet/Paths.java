package dev.llmos.fleet;

/** lexical facts about the absolute paths plans name. pure. */
final class Paths {
    private Paths() {
    }

    /** absolute, no empty, {@code .} or {@code ..} segment, no nul; a trailing slash only on the root. */
    static boolean plain(String path) {
        if (!path.startsWith("/") || path.indexOf('\0') >= 0) {
            return false;
        }
        if (path.equals("/")) {
            return true;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** the directory a plain path is in ({@code /} for {@code /x}); null for the root. */
    static String parent(String path) {
        if (path.equals("/")) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** whether {@code ancestor} is {@code path} or a directory above it. */
    static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || ancestor.equals("/") || path.startsWith(ancestor + "/");
    }
}
