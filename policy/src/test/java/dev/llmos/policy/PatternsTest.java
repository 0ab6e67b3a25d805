package dev.llmos.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** globs over names and patterns over paths. */
class PatternsTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "*, fs.list, true",
        "fs.*, fs.list, true",
        "fs.*, fsx.list, false",
        "fs.*, fs., true",
        "fs.list, fs.list, true",
        "fs.list, fs.lists, false",
        "*.delete, fs.delete, true",
        "*.delete, fs.delete.x, false",
        "fs.?ist, fs.list, true",
        "fs.?ist, fs.ist, false",
        "a*b*c, abc, true",
        "a*b*c, aXXbYYc, true",
        "a*b*c, aXXbYY, false",
        "*a*a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false",
        "'apt *', 'apt update', true",
        "'apt *', 'apt', false",
    })
    void globs(String pattern, String text, boolean expected) {
        assertEquals(expected, new Glob(pattern).matches(text));
    }

    @ParameterizedTest(name = "{0} ~ {1} (home {2}) = {3}")
    @CsvSource({
        "/, /, , true",
        "/, /etc/passwd, , true",
        "/srv/data, /srv/data, , true",
        "/srv/data, /srv/data/a/b, , true",
        "/srv/data, /srv/database, , false",
        "/srv/data, /srv, , false",
        "/srv/data/, /srv/data/x, , true",
        "//srv//data, /srv/data/x, , true",
        "/home/*/.ssh, /home/bob/.ssh, , true",
        "/home/*/.ssh, /home/bob/.ssh/id_rsa, , true",
        "/home/*/.ssh, /home/bob/x/.ssh, , false",
        "/home/*/.ssh, /home/.ssh, , false",
        "/home/**/.ssh, /home/.ssh, , true",
        "/home/**/.ssh, /home/bob/x/y/.ssh/k, , true",
        "/home/**/.ssh, /home/bob/x/y/ssh, , false",
        "/srv/**, /srv, , true",
        "/srv/**, /srvx, , false",
        "/var/log/**/secret*, /var/log/secret.log, , true",
        "/var/log/**/secret*, /var/log/a/b/secret, , true",
        "/var/log/**/secret*, /var/log/a/b/public, , false",
        "/a/**/b/**/c, /a/x/b/y/z/c, , true",
        "/a/**/b/**/c, /a/x/c/y/b, , false",
        "/a/?, /a/b, , true",
        "/a/?, /a/bc, , false",
        "~, /home/bob, /home/bob, true",
        "~, /home/bob/x, /home/bob, true",
        "~, /home/bobby, /home/bob, false",
        "~, /home/bob, , false",
        "~/scratch, /home/bob/scratch/a, /home/bob, true",
        "~/scratch, /home/bob/scratchy, /home/bob, false",
        "~/scratch, /home/bob, /home/bob, false",
        "~/*/.git, /home/bob/src/.git/config, /home/bob, true",
        "~/*/.git, /home/alice/src/.git, /home/bob, false",
    })
    void paths(String pattern, String path, String home, boolean expected) {
        assertEquals(expected, PathPattern.compile(pattern).matches(path, home));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /srv/../etc  | '..' is not allowed; give the path without it: /srv/../etc
            /srv/a**     | '**' must be a whole path segment: /srv/a**
            ~bob/x       | '~' must be followed by '/' or nothing: ~bob/x
            /srv/data.   | the name 'data.' ends with a dot, which reads as a different name: /srv/data.
            /srv∕data    | the path contains U+2215, a look-alike of a slash or backslash: /srv∕data
            """)
    void badPathPatterns(String pattern, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> PathPattern.compile(pattern))
                .getMessage());
    }
}
