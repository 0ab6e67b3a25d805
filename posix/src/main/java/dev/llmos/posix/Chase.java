package dev.llmos.posix;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * resolves an absolute path once, component by component, into descriptors ({@link ResolvedPath}),
 * the way systemd's {@code chase()} does: each component is opened {@code O_PATH | O_NOFOLLOW}
 * relative to the directory before it, a symlink is read and its target walked the same way
 * (relative to where it is, or from the root), never by handing a name back to the kernel to walk.
 *
 * <p>refused on the way: magic links (any symlink on procfs, such as {@code /proc/PID/root}, which
 * would lead into another process's mount namespace), symlinks whose owner the rules do not trust
 * (for a change made with privileges, a symlink planted by a third user), and more than 40 symlinks.
 * a path with no symlink at all is reached in two system calls.
 */
public final class Chase {
    /** as many symlinks as the kernel follows in one lookup. */
    public static final int MAX_LINKS = 40;

    /**
     * how to resolve.
     *
     * @param followFinal follow a symlink in the last component (write through it); false acts on the link itself
     * @param trustedLinkOwner which owners' symlinks may be followed
     */
    public record Rules(boolean followFinal, IntPredicate trustedLinkOwner) {
        /** follow every symlink whoever owns it: what a read decides on is where it really lands. */
        public static final Rules FOLLOW_ANY = new Rules(true, uid -> true);

        public Rules withFollowFinal(boolean follow) {
            return new Rules(follow, trustedLinkOwner);
        }
    }

    /** a path the resolver will not take, with why. */
    public static final class RefusedException extends Exception {
        public RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    private Chase() {
    }

    /**
     * resolves {@code absolute}. kernel failures on the way (a missing directory, no search
     * permission, a file where a directory is needed) are {@link PosixException}s naming the path
     * up to where it failed; a missing final part is not a failure but {@link ResolvedPath#missing()}.
     */
    public static ResolvedPath resolve(String absolute, Rules rules) throws PosixException, RefusedException {
        if (!absolute.startsWith("/") || absolute.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an absolute path: " + absolute);
        }
        List<String> components = components(absolute);
        if (!components.isEmpty() && components.stream().allMatch(Fd::isName)) {
            Optional<ResolvedPath> fast = withoutSymlinks(components, rules);
            if (fast.isPresent()) {
                return fast.get();
            }
        }
        return walk(components, rules);
    }

    /** the common case, a path with no symlink on the way: empty when there is one (or anything unusual). */
    private static Optional<ResolvedPath> withoutSymlinks(List<String> components, Rules rules) {
        String name = components.getLast();
        String dir = "/" + String.join("/", components.subList(0, components.size() - 1));
        Fd parent = null;
        Fd object = null;
        try {
            parent = Fd.openNoSymlinks(dir, Libc.O_PATH | Libc.O_DIRECTORY);
            FileStat parentStat = parent.stat();
            Optional<FileStat> stat = parent.statAt(name);
            String path = "/" + String.join("/", components);
            if (stat.isEmpty()) {
                ResolvedPath missing = new ResolvedPath(path, parent, parentStat, Optional.empty(), Optional.empty(),
                        List.of(name));
                parent = null;
                return Optional.of(missing);
            }
            object = parent.pathAt(name);
            FileStat objectStat = object.stat();
            if (objectStat.isSymlink() && rules.followFinal()) {
                return Optional.empty();
            }
            ResolvedPath found = new ResolvedPath(path, parent, parentStat, Optional.of(object), Optional.of(objectStat),
                    List.of());
            parent = null;
            object = null;
            return Optional.of(found);
        } catch (PosixException e) {
            // a symlink on the way (eloop), or a failure the component walk reports precisely
            return Optional.empty();
        } finally {
            if (object != null) {
                object.close();
            }
            if (parent != null) {
                parent.close();
            }
        }
    }

    private static ResolvedPath walk(List<String> components, Rules rules) throws PosixException, RefusedException {
        Deque<String> todo = new ArrayDeque<>(components);
        List<String> names = new ArrayList<>();
        Fd current = Fd.root();
        Fd next = null;
        int links = 0;
        try {
            while (true) {
                String component = todo.pollFirst();
                if (component == null) {
                    // the walk ended on a directory it had entered (the root, or a "..")
                    ResolvedPath self = directoryItself(current, names);
                    current = null;
                    return self;
                }
                if (component.equals("..")) {
                    if (!names.isEmpty()) {
                        Fd up = current.parent();
                        current.close();
                        current = up;
                        names.removeLast();
                    }
                    continue;
                }
                boolean last = todo.isEmpty();
                Optional<FileStat> present = current.statAt(component);
                if (present.isEmpty()) {
                    List<String> missing = new ArrayList<>();
                    missing.add(component);
                    for (String rest : todo) {
                        if (!Fd.isName(rest)) {
                            throw new PosixException(join(names, component) + "/" + rest, PosixException.ENOENT);
                        }
                        missing.add(rest);
                    }
                    ResolvedPath absent = new ResolvedPath(join(names, String.join("/", missing)), current,
                            current.stat(), Optional.empty(), Optional.empty(), missing);
                    current = null;
                    return absent;
                }
                next = current.pathAt(component);
                FileStat stat = next.stat();
                if (stat.isSymlink() && (!last || rules.followFinal())) {
                    String where = join(names, component);
                    if (current.onProcfs() && current.isMagicLinkAt(component)) {
                        throw new RefusedException("refusing the magic link " + where
                                + ": it leads into another process's view of the file system");
                    }
                    if (!rules.trustedLinkOwner().test(stat.uid())) {
                        throw new RefusedException("refusing to follow the symlink " + where + ", owned by "
                                + owner(stat.uid()) + ": a change follows only symlinks of root or of the caller; "
                                + "name its target instead");
                    }
                    if (++links > MAX_LINKS) {
                        throw new PosixException(where, PosixException.ELOOP);
                    }
                    String target = next.readlinkAt("");
                    next.close();
                    next = null;
                    List<String> targetComponents = components(target);
                    for (int i = targetComponents.size() - 1; i >= 0; i--) {
                        todo.addFirst(targetComponents.get(i));
                    }
                    if (target.startsWith("/")) {
                        current.close();
                        current = Fd.root();
                        names.clear();
                    }
                    continue;
                }
                if (last) {
                    ResolvedPath found = new ResolvedPath(join(names, component), current, current.stat(),
                            Optional.of(next), Optional.of(stat), List.of());
                    current = null;
                    next = null;
                    return found;
                }
                if (!stat.isDirectory()) {
                    throw new PosixException(join(names, component), PosixException.ENOTDIR);
                }
                current.close();
                current = next;
                next = null;
                names.add(component);
            }
        } finally {
            if (next != null) {
                next.close();
            }
            if (current != null) {
                current.close();
            }
        }
    }

    /** a walk that ended on the directory {@code dir} itself: it is the object, its parent holds it. */
    private static ResolvedPath directoryItself(Fd dir, List<String> names) throws PosixException {
        Fd parent = null;
        boolean returned = false;
        try {
            parent = dir.parent();
            ResolvedPath self = new ResolvedPath("/" + String.join("/", names), parent, parent.stat(), Optional.of(dir),
                    Optional.of(dir.stat()), List.of());
            returned = true;
            return self;
        } finally {
            if (!returned) {
                dir.close();
                if (parent != null) {
                    parent.close();
                }
            }
        }
    }

    private static String join(List<String> names, String last) {
        StringBuilder path = new StringBuilder();
        for (String name : names) {
            path.append('/').append(name);
        }
        return path.append('/').append(last).toString();
    }

    /** the non-empty components of a path, {@code .} dropped; {@code ..} kept for the walk to climb. */
    static List<String> components(String path) {
        List<String> components = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                components.add(part);
            }
        }
        return components;
    }

    private static String owner(int uid) {
        return Posix.passwd(uid).map(p -> p.name() + " (uid " + uid + ")").orElse("uid " + uid);
    }
}
