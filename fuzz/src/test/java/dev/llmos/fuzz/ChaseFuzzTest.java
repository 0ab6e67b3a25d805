package dev.llmos.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmos.posix.Chase;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * the resolver the daemon decides with ({@link Chase}), on trees of directories, files and
 * symlinks the input builds (relative and absolute targets, {@code ..}, loops, magic links into
 * {@code /proc}): it only ever answers with a resolution or a refusal ({@link PosixException},
 * {@link Chase.RefusedException}); a resolved path is absolute, normal and has no symlink on the
 * way; what it holds is the object at that path; a missing part is really missing under an
 * existing directory; and no descriptor is left open.
 *
 * <p>input, one line each: {@code d NAME} a directory, {@code f NAME} a file, {@code l NAME TARGET}
 * a symlink (all under a fresh directory), then {@code ? PATH} to resolve following a final symlink
 * or {@code ! PATH} not following it; a relative {@code PATH} is under the fresh directory.
 */
class ChaseFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void resolve(byte[] input) throws IOException {
        Path base = Files.createTempDirectory("llmos-chase-fuzz").toRealPath();
        try {
            String query = null;
            boolean follow = true;
            for (String line : new String(input, StandardCharsets.UTF_8).split("\n", 64)) {
                String[] words = line.split(" ", 3);
                if (words.length < 2 || words[1].isEmpty() || words[1].indexOf('\0') >= 0) {
                    continue;
                }
                if (words[0].equals("?") || words[0].equals("!")) {
                    query = words[1];
                    follow = words[0].equals("?");
                    continue;
                }
                build(base, words);
            }
            if (query != null) {
                check(base, query.startsWith("/") ? query : base + "/" + query, follow);
            }
        } finally {
            remove(base);
        }
    }

    private static void build(Path base, String[] words) {
        try {
            Path at = base.resolve(words[1]).normalize();
            if (!at.startsWith(base) || at.equals(base)) {
                return;
            }
            switch (words[0]) {
                case "d" -> Files.createDirectories(at);
                case "f" -> Files.writeString(at, "x");
                case "l" -> {
                    if (words.length == 3 && !words[2].isEmpty() && words[2].indexOf('\0') < 0) {
                        Files.createSymbolicLink(at, Path.of(words[2]));
                    }
                }
                default -> {
                }
            }
        } catch (IOException | RuntimeException e) {
            // a line that cannot be built (a name under a file, a taken name) builds nothing
        }
    }

    private static void check(Path base, String path, boolean follow) throws IOException {
        long before = openDescriptors();
        try (ResolvedPath resolved = Chase.resolve(path, Chase.Rules.FOLLOW_ANY.withFollowFinal(follow))) {
            String real = resolved.path();
            Path decided = Path.of(real);
            Invariants.require(decided.isAbsolute() && decided.equals(decided.normalize()) && !real.contains("//"),
                    "not absolute and normal: " + real);
            for (Path prefix = decided.getParent(); prefix != null; prefix = prefix.getParent()) {
                Invariants.require(!Files.isSymbolicLink(prefix), "a symlink survived on the way: " + prefix + " in " + real);
            }
            if (resolved.exists()) {
                FileStat stat = resolved.requireStat();
                Object ino = Files.getAttribute(decided, "unix:ino", LinkOption.NOFOLLOW_LINKS);
                Invariants.require(ino.equals(stat.id().ino()), "the held object is not the one at " + real);
                Invariants.require(!(follow && stat.isSymlink()), "a final symlink that should be followed was kept: " + real);
            } else {
                Invariants.require(!resolved.missing().isEmpty(), "neither an object nor missing names: " + real);
                Invariants.require(resolved.parentStat().isDirectory(), "missing names under a non-directory: " + real);
                Path parent = Path.of(resolved.parent().proc().toString());
                Invariants.require(!Files.exists(parent.resolve(resolved.missing().getFirst()), LinkOption.NOFOLLOW_LINKS),
                        "a missing name exists: " + real);
            }
        } catch (PosixException | Chase.RefusedException e) {
            // a refusal is an answer
        }
        Invariants.require(openDescriptors() == before, "a descriptor was left open resolving " + path);
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static void remove(Path base) throws IOException {
        try (Stream<Path> all = Files.walk(base)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
