package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmos.action.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorPoolTest {
    @Test
    void theExecutorIsToldTheCallersUidGidAndGroups() {
        Caller bob = new Caller(1001, 1001, 42, "bob", List.of(27, 1001));
        assertEquals(List.of("setpriv", "--bounding-set=-all,+setuid,+setgid", "--inh-caps=-all", "--no-new-privs", "--",
                        "java", "-cp", "x", "Main", "--uid", "1001", "--gid", "1001", "--groups", "27,1001"),
                ExecutorPool.command(bob, List.of("java", "-cp", "x", "Main")));
        Caller nobody = new Caller(65534, 65534, 1, "65534", List.of());
        assertEquals("", ExecutorPool.command(nobody, List.of("java")).getLast());
    }

    @Test
    void theExecutorEnvironmentIsBuiltNotInherited() {
        Caller root = new Caller(0, 0, 1, "root", List.of(0));
        var env = ExecutorPool.environment(root);
        assertEquals("root", env.get("USER"));
        assertEquals("/root", env.get("HOME"));
        assertEquals(List.of("PATH", "LANG", "USER", "LOGNAME", "HOME"), List.copyOf(env.keySet()));
    }
}
