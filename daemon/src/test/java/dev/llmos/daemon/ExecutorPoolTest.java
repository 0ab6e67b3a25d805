package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmos.action.Caller;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorPoolTest {
    @Test
    void dropsToTheCallersUidGidAndGroupsWithNoCapabilities() {
        Caller bob = new Caller(1001, 1001, 42, "bob", List.of(27, 1001));
        assertEquals(List.of("setpriv", "--reuid=1001", "--regid=1001", "--groups=27,1001", "--inh-caps=-all",
                        "--bounding-set=-all", "--no-new-privs", "--", "java", "-cp", "x", "Main"),
                ExecutorPool.dropPrivileges(bob, List.of("java", "-cp", "x", "Main")));
    }

    @Test
    void aCallerWithoutGroupsGetsNone() {
        Caller nobody = new Caller(65534, 65534, 1, "65534", List.of());
        assertEquals("--clear-groups", ExecutorPool.dropPrivileges(nobody, List.of("true")).get(3));
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
