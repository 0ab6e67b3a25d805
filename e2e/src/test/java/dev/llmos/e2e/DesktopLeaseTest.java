package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.TestUsers;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * the desktop family through the root daemon and llmsh, on a real x server (xvfb with a cookie):
 * input actions ask without a lease and run with one, a lease expires and can be revoked, typed
 * text is audited as its length only, the daemon acts in the caller's own session (bob with his
 * cookie drives the display; bob without one is refused clearly), and the end-to-end latency of
 * {@code input.key} and {@code display.screenshot} from llmsh.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopLeaseTest {
    private static DaemonProcess daemon;
    private static Process xvfb;
    private static Path dir;
    private static Map<String, String> session;
    private static TestUsers.User bob;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "a root daemon and a second user need root");
        assumeTrue(Stream.of("Xvfb", "xauth", "xdotool").allMatch(DesktopLeaseTest::installed), "needs xvfb, xauth, xdotool");
        dir = Distribution.publicTempDir("llmos-e2e-desktop");
        String cookie = HexFormat.of().formatHex(SecureRandom.getSeed(16));
        Path serverAuth = dir.resolve("server.auth");
        assertEquals(0, Run.of(List.of("xauth", "-q", "-f", serverAuth.toString(), "add", ":0", ".", cookie)).exit());
        xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-auth", serverAuth.toString(), "-screen", "0", "800x600x24",
                "-nolisten", "tcp", "-noreset").redirectError(dir.resolve("xvfb.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
        String number = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        String display = ":" + number.strip();
        Path rootAuth = dir.resolve("root.auth");
        assertEquals(0, Run.of(List.of("xauth", "-q", "-f", rootAuth.toString(), "add", display, ".", cookie)).exit());
        Files.setPosixFilePermissions(rootAuth, PosixFilePermissions.fromString("rw-------"));
        session = Map.of("DISPLAY", display, "XAUTHORITY", rootAuth.toString());
        bob = TestUsers.ensure("llmos-bob");
        daemon = DaemonProcess.startIn(dir);
    }

    private static boolean installed(String tool) {
        return Stream.of("/usr/bin/", "/bin/").anyMatch(d -> Files.isExecutable(Path.of(d + tool)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (xvfb != null) {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Run root(String... args) throws Exception {
        return daemon.llmsh(null, session, args);
    }

    @Test
    @Order(1)
    void withoutALeaseInputAsksAndNonInteractiveLlmshStopsWithExitFive() throws Exception {
        Run asked = root("do", "input.key", "keys=shift");
        assertEquals(5, asked.exit(), asked.toString());
        assertTrue(asked.err().contains("lease"), asked.err());
        Run list = root("--json", "lease", "list");
        assertTrue(list.json().path("kinds").toString().contains("input"), list.toString());
        assertTrue(list.json().path("leases").isEmpty());
    }

    @Test
    @Order(2)
    void aConfirmedLeaseLetsInputRunWithoutAskingAndTypedTextIsAuditedAsItsLength() throws Exception {
        Run refused = root("lease", "input", "10m");
        assertEquals(5, refused.exit(), "a lease is granted only after confirmation: " + refused);
        Run granted = root("--yes", "lease", "input", "10m");
        assertEquals(0, granted.exit(), granted.toString());
        Run status = root("--json", "status");
        assertEquals("input", status.json().at("/leases/0/kind").asText(), status.toString());

        Run key = root("do", "input.key", "keys=shift");
        assertEquals(0, key.exit(), key + "\n" + daemon.logText());
        Run typed = root("do", "input.type", "text=hunter2-secret");
        assertEquals(0, typed.exit(), typed.toString());
        Run audit = root("--json", "audit", "tail", "-n", "20");
        String records = audit.json().toString();
        assertFalse(records.contains("hunter2-secret"), "typed text never reaches the audit log");
        JsonNode typedRecord = null;
        for (JsonNode record : audit.json().path("records")) {
            if (record.path("action").asText().equals("input.type")) {
                typedRecord = record;
            }
        }
        assertTrue(typedRecord != null, records);
        assertEquals(14, typedRecord.at("/params/text/length").asInt(), typedRecord.toString());
        assertEquals("builtin.lease", typedRecord.path("rule").asText(), typedRecord.toString());
    }

    @Test
    @Order(3)
    void aRevokedLeaseAndAnExpiredOneBothMeanAskingAgain() throws Exception {
        assertEquals(0, root("lease", "revoke", "input").exit());
        assertEquals(5, root("do", "input.key", "keys=shift").exit());
        assertEquals(0, root("--yes", "lease", "input", "5s").exit());
        assertEquals(0, root("do", "input.key", "keys=shift").exit());
        // polls until the daemon asks again (5 s after the grant), within a generous bound
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int exit;
        while ((exit = root("do", "input.key", "keys=shift").exit()) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(5, exit, "the lease expired");
    }

    @Test
    @Order(4)
    void theDaemonActsInTheCallersOwnSession() throws Exception {
        Run noCookie = daemon.llmsh(bob, session, "do", "input.cursor");
        assertEquals(1, noCookie.exit(), noCookie.toString());
        assertTrue(noCookie.err().toLowerCase().contains("xauthority") || noCookie.err().contains("refused"),
                noCookie.err());

        Path bobAuth = dir.resolve("bob.auth");
        Files.copy(Path.of(session.get("XAUTHORITY")), bobAuth);
        Files.setOwner(bobAuth, bobAuth.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(bob.name()));
        Run cursor = daemon.llmsh(bob, Map.of("DISPLAY", session.get("DISPLAY"), "XAUTHORITY", bobAuth.toString()),
                "--json", "do", "input.cursor");
        assertEquals(0, cursor.exit(), cursor.toString());
        assertTrue(cursor.json().at("/output").has("x"), cursor.toString());
    }

    @Test
    @Order(5)
    void screenshotAndKeyLatencyFromLlmsh() throws Exception {
        assertEquals(0, root("--yes", "lease", "input", "5m").exit());
        List<Long> key = new ArrayList<>();
        List<Long> shot = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            assertEquals(0, root("do", "input.key", "keys=shift").exit());
            key.add((System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            Run png = root("--json", "do", "display.screenshot");
            shot.add((System.nanoTime() - t0) / 1_000_000);
            assertEquals(0, png.exit(), png.toString());
            byte[] bytes = Base64.getDecoder().decode(png.json().at("/output/base64").asText());
            assertTrue(bytes.length > 8 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png.out());
        }
        key.sort(null);
        shot.sort(null);
        System.out.println("desktop latency through llmsh (process start included): input.key p50 " + key.get(2)
                + " ms, display.screenshot p50 " + shot.get(2) + " ms");
    }
}
