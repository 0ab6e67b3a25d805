package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** the router with the real all-minilm-l6-v2, loaded once for the class and shared by its routers. */
class IntentRouterTest {
    private static MiniLmEncoder model;
    private static IntentRouter shared;
    private static final PlanContext ALICE = Fixtures.alice(ActionCatalog.discover());

    /** the shared model, counting embeddings; closing it leaves the model loaded for the next router. */
    private static final class Shared implements Encoder {
        final AtomicInteger embeddings = new AtomicInteger();

        @Override
        public String id() {
            return model.id();
        }

        @Override
        public float[] embed(String text) {
            embeddings.incrementAndGet();
            return model.embed(text);
        }

        @Override
        public void close() {
            // the model outlives each router of this test class
        }
    }

    @BeforeAll
    static void load() {
        model = MiniLmEncoder.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static IntentRouter router() {
        return new IntentRouter(Shared::new, IntentRouter.Settings.DEFAULTS);
    }

    /** one router for the tests that only plan: its example vectors are computed once for the class. */
    private static synchronized IntentRouter shared() {
        if (shared == null) {
            shared = router();
        }
        return shared;
    }

    @Test
    void theSameRequestGivesByteIdenticalPlans() throws Exception {
        IntentRouter router = router();
        for (String text : List.of("show me whats in /var/log", "top 5 processes by memory", "how much disk space is left")) {
            String first = Json.toString(router.plan(text, ALICE));
            assertEquals(first, Json.toString(router.plan(text, ALICE)));
            router.unload();
            assertEquals(first, Json.toString(router.plan(text, ALICE)));
        }
    }

    @Test
    void plansPassTheCatalogsValidation() throws Exception {
        Plan plan = shared().plan("list hidden files in ~/projects", ALICE);
        assertEquals(Plan.VERSION, plan.version());
        assertEquals("router", plan.planner());
        assertEquals("list hidden files in ~/projects", plan.request());
        assertEquals("fs.list", plan.steps().getFirst().action());
        assertEquals("{\"hidden\":true,\"limit\":200,\"offset\":0,\"path\":\"/home/alice/projects\"}",
                Json.toString(plan.steps().getFirst().params()));
        assertEquals(List.of(), PlanValidator.validate(plan, ALICE.catalog()));
        assertEquals(Json.toString(plan), Json.toString(PlanValidator.check(plan, ALICE.catalog())));
    }

    @Test
    void refusesNonsenseWithTheClosestActions() {
        IntentRouter router = shared();
        for (String text : List.of("make me a sandwich", "asdfgh", "who painted the mona lisa")) {
            PlanningException e = assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
            assertEquals(PlanningException.Reason.LOW_CONFIDENCE, e.reason());
            assertEquals(IntentRouter.CANDIDATES, e.candidates().size());
            e.candidates().forEach(c -> assertTrue(c.command().startsWith("llmsh do " + c.action()), c.toString()));
            RpcException rpc = e.toRpcException();
            assertEquals(ErrorCodes.PLANNER_UNAVAILABLE, rpc.error().code());
            assertEquals(IntentRouter.CANDIDATES, rpc.error().data().path("candidates").size());
        }
    }

    @Test
    void aVerbOnlyUnservedRequestsHaveIsAnsweredByNoAction() {
        IntentRouter router = shared();
        for (String text : List.of("unmount /media/usb", "ping the gateway please", "reboot this box")) {
            PlanningException e = assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
            assertEquals(PlanningException.Reason.LOW_CONFIDENCE, e.reason(), text);
            assertEquals(List.of(), e.candidates(), text);
            assertTrue(e.getMessage().startsWith("no action does this"), e.getMessage());
        }
    }

    @Test
    void theTimeInAPlaceOfTwoWordsThatIsNoZoneIsNotTheTimeHere() throws Exception {
        IntentRouter router = shared();
        PlanningException e = assertThrows(PlanningException.class,
                () -> router.plan("what time is it in new york now", ALICE));
        assertEquals(PlanningException.Reason.DECLINED, e.reason());
        assertTrue(e.getMessage().contains("new_york is not a time zone"), e.getMessage());
        assertEquals("sys.time {\"zone\":\"Europe/Paris\"}", step(router.plan("what time is it in Europe/Paris", ALICE)));
    }

    @Test
    void keysInAngleBracketsAreKeysAndAnArticleIsNone() throws Exception {
        IntentRouter router = shared();
        assertEquals("input.key {\"keys\":\"alt+F4\"}", step(router.plan("Input <Alt F4>", ALICE)));
        assertEquals("input.key {\"keys\":\"ctrl+c\"}", step(router.plan("press <Ctrl c>", ALICE)));
        PlanningException e = assertThrows(PlanningException.class, () -> router.plan("Press a modifier", ALICE));
        assertEquals(PlanningException.Reason.MISSING_PARAM, e.reason());
        assertEquals("input.key", e.candidates().getFirst().action());
    }

    @Test
    void wordsThatDescribeTheTextOrASecondStepAreNeitherTextNorArguments() throws Exception {
        IntentRouter router = shared();
        for (String text : List.of("copy multiple texts to the clipboard separated by new lines",
                "Copy for only one paste and then clear it", "Simulate typing text")) {
            PlanningException e = assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
            assertEquals(PlanningException.Reason.MISSING_PARAM, e.reason(), text);
        }
        PlanningException e = assertThrows(PlanningException.class,
                () -> router.plan("Run sleep 10 and terminate it after 3 seconds", ALICE));
        assertEquals(PlanningException.Reason.DECLINED, e.reason());
        assertTrue(e.getMessage().contains("second step"), e.getMessage());
        assertEquals("clipboard.set {\"selection\":\"clipboard\",\"text\":\"hello world\"}",
                step(router.plan("copy hello world to the clipboard", ALICE)));
    }

    @Test
    void aRemarkNamesNoPathAndChoosesNoChange() throws Exception {
        IntentRouter router = shared();
        // no plan: only the remark asks for a directory
        assertThrows(PlanningException.class, () -> router.plan(
                "make a temp file in /tmp/ which is deleted at next boot (-d to make directory)", ALICE));
        PlanningException e = assertThrows(PlanningException.class,
                () -> router.plan("outputs the first lines of file (default: 10 lines)", ALICE));
        assertEquals(PlanningException.Reason.MISSING_PARAM, e.reason());
        assertEquals("fs.read", e.candidates().getFirst().action());
    }

    @Test
    void aVerbInTheThirdPersonIsItsVerb() throws Exception {
        IntentRouter router = shared();
        PlanningException e = assertThrows(PlanningException.class, () -> router.plan("copies a file", ALICE));
        assertEquals(PlanningException.Reason.MISSING_PARAM, e.reason());
        assertEquals("fs.copy", e.candidates().getFirst().action());
    }

    @Test
    void socketsInGeneralAreNotWhatListens() throws Exception {
        IntentRouter router = shared();
        for (String text : List.of("Display all sockets", "display ipv4 sockets")) {
            PlanningException e = assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
            assertEquals(PlanningException.Reason.DECLINED, e.reason(), text);
        }
        assertEquals("net.listening", router.plan("show udp sockets", ALICE).steps().getFirst().action());
        assertEquals("net.listening", router.plan("show listening sockets", ALICE).steps().getFirst().action());
    }

    @Test
    void aReadWhoseOutputIsToBeSavedIntoAFileIsDeclined() throws Exception {
        IntentRouter router = shared();
        for (String text : List.of("print my clipboard and save it to a file", "dump the running processes into a file",
                "show the running services and save them to services.txt")) {
            PlanningException e = assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
            assertEquals(PlanningException.Reason.DECLINED, e.reason(), text);
            assertTrue(e.getMessage().contains("into a file, a second step"), e.getMessage());
        }
        // a read that writes a file itself is not a second step
        assertEquals("display.screenshot", router.plan("take a screenshot and save it to ~/shot.png", ALICE).steps()
                .getFirst().action());
    }

    @Test
    void aDurationFillsADurationParam() throws Exception {
        IntentRouter router = shared();
        assertEquals("input.type {\"delay_ms\":250,\"text\":\"hello\"}",
                step(router.plan("type 'hello' with a 250ms delay between letters", ALICE)));
        assertEquals("input.type {\"delay_ms\":1000,\"text\":\"hi\"}",
                step(router.plan("type 'hi' with a delay of 1 second per key", ALICE)));
    }

    @Test
    void clearingAFilesContentsOverwritesItWithNothing() throws Exception {
        assertEquals("fs.write {\"content\":\"\",\"mode\":\"overwrite\",\"path\":\"/home/alice/project/draft.md\"}",
                step(shared().plan("clear the contents of draft.md", ALICE)));
    }

    @Test
    void twoVerbsAsAlternativesAreDeclined() {
        PlanningException e = assertThrows(PlanningException.class, () -> shared().plan("start/stop nginx", ALICE));
        assertEquals(PlanningException.Reason.DECLINED, e.reason());
        assertEquals("this asks to start or to stop; say which", e.getMessage());
    }

    @Test
    void theToolARequestNamesFirstIsReadAfterItsTask() throws Exception {
        assertEquals("fs.list {\"hidden\":true,\"limit\":200,\"offset\":0,\"path\":\"/tmp\"}",
                step(shared().plan("use ls to show the hidden files in /tmp", ALICE)));
    }

    @Test
    void sizesOfFilesOrFoldersNamedByNothingAreTheWorkingDirectorys() throws Exception {
        assertEquals("sys.disk_usage {\"path\":\"/home/alice/project\"}",
                step(shared().plan("which folders and files take the most space", ALICE)));
        assertEquals("sys.disk_usage {}", step(shared().plan("how much free space is on the disks", ALICE)));
    }

    @Test
    void aSizeAskedOfNothingIsTheWorkingDirectorysButOfDisksIsTheFilesystems() throws Exception {
        assertEquals("sys.disk_usage {\"path\":\"/home/alice/project\"}",
                step(shared().plan("show cumulative human-readable size", ALICE)));
        assertEquals("sys.disk_usage {}", step(shared().plan("display the size of the filesystem", ALICE)));
    }

    @Test
    void aChangeAskedAfterAReadIsASecondStepAndDeclined() throws Exception {
        IntentRouter router = shared();
        for (String text : List.of("find all files in the current directory and modify their permissions",
                "list the processes and kill the one using most memory", "show the status of nginx and then restart it")) {
            PlanningException e = assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
            assertEquals(PlanningException.Reason.DECLINED, e.reason(), text);
            assertTrue(e.getMessage().contains("a second step the router does not plan"), e.getMessage());
        }
        // how the read shows ("update every", "stop at") and nouns ("change times") are no second step
        assertEquals("sys.info {}", step(router.plan("show the system load and update every 2 seconds", ALICE)));
        assertEquals("fs.stat {\"path\":\"/home/alice/project/notes.txt\"}",
                step(router.plan("show access and change times of notes.txt", ALICE)));
    }

    @Test
    void aReadWhoseOutputIsToGoOnTheClipboardIsDeclined() throws Exception {
        PlanningException e = assertThrows(PlanningException.class,
                () -> shared().plan("take a screenshot and copy it to the clipboard", ALICE));
        assertEquals(PlanningException.Reason.DECLINED, e.reason());
        assertTrue(e.getMessage().contains("on the clipboard, a second step"), e.getMessage());
        assertEquals("display.screenshot {\"path\":\"/home/alice/project/capture.png\"}",
                step(shared().plan("capture a screenshot and save it as capture.png", ALICE)));
    }

    @Test
    void aRemarkInParenthesesFillsNoTextParam() {
        PlanningException e = assertThrows(PlanningException.class,
                () -> shared().plan("search packages by name only (supports wildcards like *)", ALICE));
        assertEquals(PlanningException.Reason.MISSING_PARAM, e.reason());
        assertEquals("pkg.search", e.candidates().getFirst().action());
    }

    @Test
    void aDateOtherThanNowOrATimeOnAFarCoastIsNotTheTimeHere() {
        for (String text : List.of("display a specific date using the default format",
                "display a date relative to the current date", "show the time on the west coast of the us")) {
            PlanningException e = assertThrows(PlanningException.class, () -> shared().plan(text, ALICE), text);
            assertEquals(PlanningException.Reason.DECLINED, e.reason(), text);
        }
    }

    @Test
    void aNameThatQualifiesAThingOfAnotherSystemIsNotTheUnitAndProseIsNoCommandLine() {
        // "docker" is a unit of the fixture, "bash" a program: neither is what these requests act on
        for (String text : List.of("start a bash shell within a docker container",
                "run a bash command within a kubernetes pod")) {
            assertThrows(PlanningException.class, () -> shared().plan(text, ALICE), text);
        }
    }

    @Test
    void aKeysNameIsAKeyOnlyWhenPressedAndAnyOtherWordIsNone() throws Exception {
        IntentRouter router = shared();
        assertEquals("input.key {\"keys\":\"Return\"}", step(router.plan("press enter", ALICE)));
        assertEquals("input.key {\"keys\":\"Delete\"}", step(router.plan("press the delete key", ALICE)));
        assertEquals("input.key {\"keys\":\"F5\"}", step(router.plan("hit f5", ALICE)));
        // a possessive or a product name is no key, and unquoted words that name a thing are no text to copy
        for (String text : List.of("send the clipboard's contents to stdout, as if ctrl + v",
                "send x11 primary selection to stdout", "copy a screenshot of the screen to the clipboard")) {
            assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
        }
    }

    @Test
    void aChangeThatTakesNoParamsIsNotChosenForAnotherObject() throws Exception {
        IntentRouter router = shared();
        assertEquals("pkg.update {}", step(router.plan("apt update", ALICE)));
        assertEquals("pkg.update {}", step(router.plan("check updates for installed packages", ALICE)));
        // pkg.update refreshes the package lists: not a symlink, not one package, not nginx
        for (String text : List.of("update symlink", "update a specific package", "reload nginx")) {
            PlanningException e = assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
            assertTrue(e.candidates().stream().noneMatch(c -> c.action().equals("service.restart")), text);
        }
        // "ssh" is a unit of the fixture, but an ssh agent is not the ssh service
        assertThrows(PlanningException.class, () -> router.plan("start ssh agent", ALICE));
    }

    @Test
    void connectionsAreNotWhatListens() throws Exception {
        IntentRouter router = shared();
        assertEquals("net.listening", router.plan("which ports are open", ALICE).steps().getFirst().action());
        assertEquals("net.listening", router.plan("what services accept network connections", ALICE).steps()
                .getFirst().action());
        for (String text : List.of("list all tcp connections", "show the established connections")) {
            assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
        }
    }

    @Test
    void thePublicAddressSourcePackagesAndAChangeBeforeAnotherAreNotPlanned() throws Exception {
        IntentRouter router = shared();
        assertEquals("net.interfaces", router.plan("show my ip address", ALICE).steps().getFirst().action());
        for (String text : List.of("show the public ip address", "what is my external ipv4")) {
            PlanningException e = assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
            assertTrue(e.getMessage().contains("the address the internet sees"), e.getMessage());
        }
        for (String text : List.of("fetch source packages through apt-get", "update the files in packages")) {
            PlanningException e = assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
            assertTrue(e.candidates().stream().noneMatch(c -> c.action().equals("pkg.update")) || e.reason()
                    != PlanningException.Reason.MISSING_PARAM, e.getMessage());
        }
        PlanningException upgrade = assertThrows(PlanningException.class,
                () -> router.plan("sync with the repositories before upgrading packages", ALICE));
        assertTrue(upgrade.getMessage().contains("asks to upgrade after pkg.update"), upgrade.getMessage());
        PlanningException delete = assertThrows(PlanningException.class,
                () -> router.plan("list the files before deleting them", ALICE));
        assertTrue(delete.getMessage().contains("asks to delete after"), delete.getMessage());
        // "clipboard" says where the text is, not what to type
        PlanningException type = assertThrows(PlanningException.class, () -> router.plan("type clipboard", ALICE));
        assertEquals(PlanningException.Reason.MISSING_PARAM, type.reason());
    }

    @Test
    void aSecondChangeAfterAChangeIsASecondStepAndDeclined() throws Exception {
        IntentRouter router = shared();
        for (String text : List.of("move the mouse to 100 200 and click", "stop and disable nginx")) {
            PlanningException e = assertThrows(PlanningException.class, () -> router.plan(text, ALICE), text);
            assertEquals(PlanningException.Reason.DECLINED, e.reason(), text);
            assertTrue(e.getMessage().contains("a second step the router does not plan"), e.getMessage());
        }
        // verbs listed as what a mode allows are one change, and a param's own word is part of its step
        assertEquals("fs.chmod", router.plan("give everyone the right to read, write and execute notes.txt", ALICE)
                .steps().getFirst().action());
        assertEquals(2, router.plan("kill 1234 and 5678", ALICE).steps().size());
    }

    @Test
    void aBootAndTheKernelAreReadFromHowPeopleNameThem() throws Exception {
        IntentRouter router = shared();
        assertEquals(-1, router.plan("show the log of the previous boot", ALICE).steps().getFirst().params()
                .path("boot").asInt());
        Plan kernel = router.plan("kernel messages since boot", ALICE);
        assertEquals(0, kernel.steps().getFirst().params().path("boot").asInt());
        assertTrue(kernel.steps().getFirst().params().path("kernel").asBoolean());
        assertTrue(router.plan("dmesg", ALICE).steps().getFirst().params().path("kernel").asBoolean());
        // "the last boot" is this boot to some and the one before to others: no boot is read from it
        assertTrue(router.plan("show the logs of the last boot", ALICE).steps().getFirst().params().path("boot")
                .isMissingNode());
    }

    @Test
    void aNewEmptyFileIsCreatedNeverAnExistingOneEmptied() throws Exception {
        assertEquals("fs.write {\"content\":\"\",\"mode\":\"create\",\"path\":\"/home/alice/project/todo.txt\"}",
                step(shared().plan("create an empty file called todo.txt", ALICE)));
    }

    @Test
    void aScrollTakesItsWayAndCountAndAScrollOfNothingIsAsked() throws Exception {
        IntentRouter router = shared();
        assertEquals("input.scroll {\"dx\":0,\"dy\":3}", step(router.plan("scroll down", ALICE)));
        assertEquals("input.scroll {\"dx\":0,\"dy\":-5}", step(router.plan("scroll up 5 times", ALICE)));
        assertEquals("input.scroll {\"dx\":-2,\"dy\":0}", step(router.plan("scroll left twice", ALICE)));
        assertEquals("input.scroll {\"dx\":0,\"dy\":3,\"x\":500,\"y\":400}",
                step(router.plan("scroll down three notches at 500 400", ALICE)));
        PlanningException e = assertThrows(PlanningException.class, () -> router.plan("scroll to the end", ALICE));
        assertEquals(PlanningException.Reason.MISSING_PARAM, e.reason());
    }

    @Test
    void aJournalPriorityIsTakenByItsOwnName() throws Exception {
        assertEquals("warning", shared().plan("show journal entries with priority warning or worse", ALICE).steps()
                .getFirst().params().path("priority").asText());
    }

    @Test
    void twoVerbsOfOneActionAskForItsParams() {
        PlanningException move = assertThrows(PlanningException.class, () -> shared().plan("move/rename file", ALICE));
        assertEquals(PlanningException.Reason.MISSING_PARAM, move.reason());
        assertEquals("fs.move", move.candidates().getFirst().action());
        PlanningException remove = assertThrows(PlanningException.class,
                () -> shared().plan("remove/delete package", ALICE));
        assertEquals("pkg.remove", remove.candidates().getFirst().action());
    }

    @Test
    void aVerbOnlyUnservedRequestsUseRefusesTruncating() {
        PlanningException e = assertThrows(PlanningException.class,
                () -> shared().plan("truncate notes.txt to 100 bytes", ALICE));
        assertEquals(PlanningException.Reason.LOW_CONFIDENCE, e.reason());
    }

    @Test
    void saysWhichParamIsMissingAndHowToGiveIt() {
        PlanningException e = assertThrows(PlanningException.class, () -> shared().plan("print the contents of a file", ALICE));
        assertEquals(PlanningException.Reason.MISSING_PARAM, e.reason());
        assertEquals("/steps/0/params/path", e.pointer());
        assertTrue(e.getMessage().contains("llmsh do fs.read path=<path>"), e.getMessage());
        assertEquals(ErrorCodes.PLAN_INVALID, e.toRpcException().error().code());
    }

    @Test
    void refusesRequestsItCannotRecord() {
        IntentRouter router = shared();
        assertEquals(PlanningException.Reason.INVALID_REQUEST,
                assertThrows(PlanningException.class, () -> router.plan(" ?! ", ALICE)).reason());
        assertEquals(PlanningException.Reason.INVALID_REQUEST, assertThrows(PlanningException.class,
                () -> router.plan("x".repeat(PlanSchema.MAX_REQUEST + 1), ALICE)).reason());
    }

    @Test
    void aNewActionIsRoutableFromItsDeclarationAlone() throws Exception {
        IntentRouter router = router();
        PlanContext context = Fixtures.alice(TestActions.withSystem());
        assertEquals("service.restart {\"unit\":\"nginx.service\"}", step(router.plan("please restart nginx", context)));
        assertEquals("pkg.install {\"name\":\"htop\"}", step(router.plan("install htop for me", context)));
        assertEquals("fs.copy {\"destination\":\"/home/alice/Desktop\",\"recursive\":false,"
                + "\"source\":\"/home/alice/project/todo.txt\"}", step(router.plan("copy todo.txt to the desktop", context)));
        assertEquals(PlanningException.Reason.LOW_CONFIDENCE, assertThrows(PlanningException.class,
                () -> router.plan("please restart the postgres service", Fixtures.alice(TestActions.system()))).reason());
    }

    private static String step(Plan plan) {
        return plan.steps().getFirst().action() + " " + Json.toString(plan.steps().getFirst().params());
    }

    @Test
    void loadsOnFirstUseAndUnloadsOnRequest() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        IntentRouter router = new IntentRouter(() -> {
            loads.incrementAndGet();
            return new Shared();
        }, IntentRouter.Settings.DEFAULTS);
        assertEquals(IntentRouter.State.DORMANT, router.state());
        router.plan("ifconfig", ALICE);
        router.plan("netstat", ALICE);
        assertEquals(IntentRouter.State.LOADED, router.state());
        assertEquals(1, loads.get());
        router.unload();
        assertEquals(IntentRouter.State.DORMANT, router.state());
        router.plan("ifconfig", ALICE);
        assertEquals(2, loads.get());
    }

    @Test
    void keepsExampleVectorsOnDisk(@TempDir Path dir) throws Exception {
        IntentRouter.Settings settings = IntentRouter.Settings.DEFAULTS.withCacheDir(dir);
        Shared first = new Shared();
        String plan = Json.toString(new IntentRouter(() -> first, settings).plan("df -h", ALICE));
        assertTrue(first.embeddings.get() > ALICE.catalog().entries().size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".vectors")).count());
        }
        Shared second = new Shared();
        assertEquals(plan, Json.toString(new IntentRouter(() -> second, settings).plan("df -h", ALICE)));
        assertEquals(1, second.embeddings.get());
    }

    @Test
    void servesConcurrentRequestsWhileUnloading() throws Exception {
        IntentRouter router = router();
        String expected = Json.toString(router.plan("which ports are open", ALICE));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> plans = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                plans.add(pool.submit(() -> Json.toString(router.plan("which ports are open", ALICE))));
                if (i % 10 == 0) {
                    pool.submit(router::unload);
                }
            }
            for (Future<String> plan : plans) {
                assertEquals(expected, plan.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDamagedVectorFileIsRecomputed(@TempDir Path dir) throws IOException, PlanningException {
        IntentRouter.Settings settings = IntentRouter.Settings.DEFAULTS.withCacheDir(dir);
        new IntentRouter(Shared::new, settings).plan("uname -a", ALICE);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }
        Shared fresh = new Shared();
        assertEquals("sys.info {}", step(new IntentRouter(() -> fresh, settings).plan("uname -a", ALICE)));
        assertTrue(fresh.embeddings.get() > 1);
    }
}
