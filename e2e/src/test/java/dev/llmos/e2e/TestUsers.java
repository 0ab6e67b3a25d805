package dev.llmos.e2e;

import dev.llmos.posix.Posix;
import java.io.IOException;
import java.util.List;

/** real unprivileged users for the tests, created with useradd when missing. */
final class TestUsers {
    record User(String name, int uid, int gid, String home) {
    }

    private TestUsers() {
    }

    static boolean isRoot() {
        return Posix.getuid() == 0;
    }

    static synchronized User ensure(String name) throws IOException, InterruptedException {
        if (Posix.passwd(name).isEmpty()) {
            Run created = Run.of(List.of("useradd", "--create-home", "--shell", "/bin/bash", name));
            if (created.exit() != 0 && Posix.passwd(name).isEmpty()) {
                throw new IOException("useradd " + name + " failed: " + created);
            }
        }
        Posix.Passwd passwd = Posix.passwd(name).orElseThrow();
        return new User(passwd.name(), passwd.uid(), passwd.gid(), passwd.home());
    }
}
