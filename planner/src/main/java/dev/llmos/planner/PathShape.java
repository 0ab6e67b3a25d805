package dev.llmos.planner;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * what a typed path most likely names, judged from its text alone (the planner never looks at the
 * filesystem): a folder, a file, or either. the router embeds this word in place of the path, since
 * "what's in /var/log" asks for a listing and "what's in notes.txt" for the content.
 */
final class PathShape {
    static final String FOLDER = "folder";
    static final String FILE = "file";
    static final String EITHER = "path";

    /** directories of the filesystem hierarchy standard and of every home. */
    private static final Set<String> FOLDERS = Set.of("/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib",
            "/lib64", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr",
            "/var", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/share", "/usr/src",
            "/usr/include", "/var/log", "/var/lib", "/var/cache", "/var/tmp", "/var/spool", "/var/mail", "/var/www",
            "/var/backups", "/var/opt", "/etc/default", "/etc/systemd", "/etc/cron.d", "/usr/share/doc");
    /** a user's home, {@code ~bob}: a folder whether or not the user is known. */
    private static final Pattern HOME = Pattern.compile("~[a-z_][a-z0-9_-]*");
    private static final Pattern EXTENSION = Pattern.compile(".*[^/.]\\.[A-Za-z][A-Za-z0-9]{0,7}");

    private PathShape() {
    }

    /** {@link #FOLDER}, {@link #FILE} or {@link #EITHER} for a path as typed. */
    static String of(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (path.endsWith("/") || path.equals("~") || path.equals(".") || path.equals("..")
                || FOLDERS.contains(trimmed) || userDir(trimmed) || HOME.matcher(trimmed).matches()) {
            return FOLDER;
        }
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return EXTENSION.matcher(name).matches() ? FILE : EITHER;
    }

    private static boolean userDir(String path) {
        return path.startsWith("~/") && path.indexOf('/', 2) < 0
                && Lexicon.USER_DIRS.containsValue(path.substring(2));
    }
}
