package dev.llmos.actions.system.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.posix.Posix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserActionsTest {
    @TempDir
    Path dir;

    @Test
    void withoutANameTheCallerIsDescribedWithTheGroupsTheKernelGave() throws Exception {
        TestContext context = TestContext.readOnly();
        UserInfoAction.Info info = new UserInfoAction().execute(new UserInfoAction.Params(null), context);
        Posix.Passwd me = Posix.passwd(context.caller().uid()).orElseThrow();
        assertEquals(me.name(), info.user());
        assertEquals(context.caller().uid(), info.uid());
        assertEquals(me.home(), info.home());
        assertTrue(info.you());
        assertEquals(context.caller().groups().stream().sorted().toList(),
                info.groups().stream().map(UserInfoAction.Group::gid).toList());
        assertEquals(context.caller().gid(), info.primaryGroup().gid());
    }

    @Test
    void anotherUserComesFromTheUserDatabase() throws Exception {
        UserInfoAction.Info nobody = new UserInfoAction().execute(new UserInfoAction.Params("nobody"),
                TestContext.readOnly());
        Posix.Passwd entry = Posix.passwd("nobody").orElseThrow();
        assertEquals(entry.uid(), nobody.uid());
        assertEquals(entry.gid(), nobody.primaryGroup().gid());
        assertFalse(nobody.you());
        assertTrue(nobody.groups().stream().anyMatch(group -> group.gid() == entry.gid()));
    }

    @Test
    void anUnknownUserIsAClearError() {
        ActionException e = assertThrows(ActionException.class, () -> new UserInfoAction().execute(
                new UserInfoAction.Params("no-such-user-nl11"), TestContext.readOnly()));
        assertEquals("no such user: no-such-user-nl11", e.getMessage());
    }

    @Test
    void listsAccountsAndWhoIsLoggedIn() throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/bash
                daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                # a comment
                alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
                broken line
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                """);
        Path utmp = dir.resolve("utmp");
        Files.write(utmp, concat(record(2, 0, "~", "reboot", "", 1700000000),
                record(7, 4242, "pts/0", "alice", "192.0.2.7", 1700000100),
                record(8, 4243, "pts/1", "", "", 1700000200),
                record(7, 4244, "tty1", "root", "", 1700000300)));
        UserListAction.Users users = new UserListAction(passwd, utmp).execute(new UserListAction.Params(),
                TestContext.readOnly());
        assertEquals(List.of(
                new UserListAction.Account("root", 0, 0, "/root", "/bin/bash", true, true),
                new UserListAction.Account("daemon", 1, 1, "/usr/sbin", "/usr/sbin/nologin", false, true),
                new UserListAction.Account("alice", 1000, 1000, "/home/alice", "/bin/bash", true, false),
                new UserListAction.Account("nobody", 65534, 65534, "/nonexistent", "/usr/sbin/nologin", false, true)),
                users.accounts());
        assertEquals(List.of(
                new Utmp.Session("alice", "pts/0", "192.0.2.7", 4242, Instant.ofEpochSecond(1700000100)),
                new Utmp.Session("root", "tty1", null, 4244, Instant.ofEpochSecond(1700000300))), users.loggedIn());
    }

    @Test
    void theRealUserDatabaseHasRootAndAMissingUtmpMeansNobodyLoggedIn() throws Exception {
        UserListAction.Users users = new UserListAction(Path.of("/etc/passwd"), dir.resolve("absent"))
                .execute(new UserListAction.Params(), TestContext.readOnly());
        assertTrue(users.accounts().stream().anyMatch(account -> account.name().equals("root") && account.uid() == 0));
        assertEquals(List.of(), users.loggedIn());
    }

    /** one utmp record as glibc lays it out on 64-bit linux. */
    private static byte[] record(int type, int pid, String line, String user, String host, int seconds) {
        ByteBuffer buffer = ByteBuffer.allocate(Utmp.RECORD).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(0, (short) type);
        buffer.putInt(4, pid);
        buffer.put(8, line.getBytes(StandardCharsets.UTF_8));
        buffer.put(44, user.getBytes(StandardCharsets.UTF_8));
        buffer.put(76, host.getBytes(StandardCharsets.UTF_8));
        buffer.putInt(340, seconds);
        return buffer.array();
    }

    private static byte[] concat(byte[]... records) {
        ByteBuffer all = ByteBuffer.allocate(records.length * Utmp.RECORD);
        for (byte[] record : records) {
            all.put(record);
        }
        return all.array();
    }
}
