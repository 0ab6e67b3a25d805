package dev.llmos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ListenTest {
    @Test
    void loopbackAddressesAndUnixSocketsAreAccepted() {
        assertEquals(new Listen("127.0.0.1", 8377, null), Listen.parse("127.0.0.1:8377"));
        assertEquals(new Listen("::1", 0, null), Listen.parse("[::1]:0"));
        assertEquals(new Listen("localhost", 9000, null), Listen.parse("localhost:9000"));
        assertEquals(new Listen("127.1.2.3", 1, null), Listen.parse("127.1.2.3:1"));
        assertEquals(new Listen(null, 0, Path.of("/run/user/1000/llm-os/mcp.sock")),
                Listen.parse("unix:/run/user/1000/llm-os/mcp.sock"));
    }

    @Test
    void anythingReachableFromElsewhereIsRefused() {
        for (String remote : new String[] {"0.0.0.0:8377", "[::]:8377", "192.168.1.5:80", "example.com:80", "10.0.0.1:1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Listen.parse(remote));
            assertTrue(e.getMessage().contains("not a loopback address"), remote + ": " + e.getMessage());
        }
    }

    @Test
    void malformedValuesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Listen.parse("127.0.0.1:http")).getMessage()
                .contains("not a port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Listen.parse("127.0.0.1:70000")).getMessage()
                .contains("out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Listen.parse("unix:")).getMessage()
                .contains("socket path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Listen.parse("8377")).getMessage()
                .contains("HOST:PORT"));
    }
}
