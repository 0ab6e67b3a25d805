package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** which models a chat reaches without leaving this machine: what decides how a loop turn's record is synced. */
class OnThisMachineTest {
    private static boolean local(String endpoint) {
        return new PlannerService.Llm("local", "m", endpoint, false).onThisMachine();
    }

    @Test
    void aUnixSocketOrALoopbackAddressIsOnThisMachine() {
        assertTrue(local("unix:/run/llm-modeld/llm-modeld.sock"));
        assertTrue(local("/run/llm-modeld/llm-modeld.sock"));
        assertTrue(local("http://127.0.0.1:8080/v1"));
        assertTrue(local("http://127.3.4.5:8080/v1"));
        assertTrue(local("http://localhost:11434/v1"));
        assertTrue(local("http://[::1]:8080/v1"));
    }

    @Test
    void anyOtherHostOrAModelDeclaredRemoteIsNot() {
        assertFalse(local("http://10.0.0.5:8080/v1"), "another machine on the network");
        assertFalse(local("http://gpu-box.lan:8080/v1"), "a name other than localhost is not looked up");
        assertFalse(local("http://localhost.attacker.example/v1"));
        assertFalse(local("https://api.example.com/v1"));
        assertFalse(local("http://[fe80::1]:8080/v1"));
        assertFalse(new PlannerService.Llm("remote", "m", "http://127.0.0.1:8080/v1", true).onThisMachine(),
                "declared remote: privacy treats it as leaving the machine, and so does the audit");
    }
}
