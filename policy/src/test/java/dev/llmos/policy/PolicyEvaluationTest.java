package dev.llmos.policy;

import static dev.llmos.action.Risk.DESTRUCTIVE;
import static dev.llmos.action.Risk.READ;
import static dev.llmos.action.Risk.SYSTEM;
import static dev.llmos.action.Risk.WRITE;
import static dev.llmos.policy.Inputs.ALICE;
import static dev.llmos.policy.Inputs.BOB;
import static dev.llmos.policy.Inputs.CAROL;
import static dev.llmos.policy.Inputs.HOMELESS;
import static dev.llmos.policy.Inputs.ROOT;
import static dev.llmos.policy.Inputs.SLASH_HOME;
import static dev.llmos.policy.Inputs.input;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** the engine over a realistic policy written inline, comparing whole evaluations. */
class PolicyEvaluationTest {
    static final String TOML = """
            [[rule]]
            id = "admins-services"
            actions = ["service.restart", "service.start", "service.stop"]
            groups = ["llmos-admins"]
            run_as = "root"
            reason = "admins may manage services as root, after confirming"

            [[rule.match]]
            action = "service.restart"
            user = "alice"
            groups = ["llmos-admins"]
            risk = "system"

            [[rule.not_match]]
            action = "service.restart"
            user = "bob"
            risk = "system"

            [[rule]]
            id = "no-nginx-stop"
            actions = ["service.stop"]
            params = { unit = "nginx*" }
            decision = "deny"
            reason = "the web server is never stopped from here"

            [[rule]]
            id = "scratch-free"
            actions = ["fs.*"]
            risk = ["write", "destructive"]
            paths = ["~/scratch"]
            decision = "allow"
            reason = "your scratch directory needs no confirmation"

            [[rule.match]]
            action = "fs.delete"
            user = "bob"
            risk = "destructive"
            paths = { path = "/home/bob/scratch/old" }

            [[rule.not_match]]
            action = "fs.copy"
            user = "bob"
            risk = "write"
            paths = { source = "/home/bob/scratch/a", destination = "/etc/cron.d/a" }

            [[rule]]
            id = "ssh-keys"
            actions = ["fs.*"]
            risk = ["write", "destructive"]
            paths = ["/home/*/.ssh", "/root/.ssh"]
            decision = "deny"
            reason = "ssh keys are managed by hand"

            [[rule]]
            id = "interns-read-only"
            actions = ["*"]
            risk = ["write", "destructive", "system"]
            uids = ["2000-2999"]
            decision = "deny"
            reason = "interns may only look"

            [[rule]]
            id = "pkg-admins"
            actions = ["pkg.install", "pkg.remove"]
            groups = ["llmos-admins"]
            run_as = "root"
            decision = "ask"
            reason = "admins may install packages"

            [[rule]]
            id = "web-port"
            actions = ["proc.run"]
            users = ["alice"]
            params = { argv = ["busybox httpd *"] }
            run_as = "root"
            capabilities = ["CAP_NET_BIND_SERVICE"]
            decision = "ask"
            reason = "alice may serve the web on port 80"

            [[rule]]
            id = "apt-update"
            actions = ["proc.run"]
            users = ["root"]
            params = { argv = ["apt update", "apt-get update"] }
            decision = "allow"
            reason = "root may refresh package lists"

            [[rule]]
            id = "root-srv"
            actions = ["fs.write", "fs.mkdir", "fs.copy"]
            users = ["root"]
            paths = ["/srv/**"]
            decision = "allow"
            reason = "root may write under /srv without asking"

            [[rule]]
            id = "secret-logs"
            actions = ["fs.read"]
            paths = ["/var/log/**/secret*"]
            decision = "ask"
            reason = "secret logs are shown only after confirmation"

            [[rule]]
            id = "world-writable"
            actions = ["fs.chmod"]
            params = { mode = ["*2", "*3", "*6", "*7"] }
            decision = "deny"
            reason = "world-writable modes are not set from here"
            """;

    static final Policy POLICY = load();

    private static Policy load() {
        try {
            return PolicyLoader.parse("test.toml", TOML);
        } catch (PolicyException e) {
            throw new AssertionError(e);
        }
    }

    private static RuleMatch config(String id) {
        return switch (id) {
            case "admins-services" -> cfg(id, Decision.ASK, "admins may manage services as root, after confirming");
            case "no-nginx-stop" -> cfg(id, Decision.DENY, "the web server is never stopped from here");
            case "scratch-free" -> cfg(id, Decision.ALLOW, "your scratch directory needs no confirmation");
            case "ssh-keys" -> cfg(id, Decision.DENY, "ssh keys are managed by hand");
            case "interns-read-only" -> cfg(id, Decision.DENY, "interns may only look");
            case "pkg-admins" -> cfg(id, Decision.ASK, "admins may install packages");
            case "apt-update" -> cfg(id, Decision.ALLOW, "root may refresh package lists");
            case "web-port" -> cfg(id, Decision.ASK, "alice may serve the web on port 80");
            case "root-srv" -> cfg(id, Decision.ALLOW, "root may write under /srv without asking");
            case "secret-logs" -> cfg(id, Decision.ASK, "secret logs are shown only after confirmation");
            case "world-writable" -> cfg(id, Decision.DENY, "world-writable modes are not set from here");
            default -> throw new IllegalArgumentException(id);
        };
    }

    private static RuleMatch cfg(String id, Decision decision, String reason) {
        return new RuleMatch(id, decision, reason, RuleMatch.Layer.CONFIG);
    }

    private static RuleMatch prot(String reason) {
        return new RuleMatch("builtin.protected", Decision.DENY, reason, RuleMatch.Layer.PROTECTED);
    }

    private static final String EVERYONE = " there are denied for everyone, root included";

    /** the expected evaluation: the deciding rule is named, its reason taken from the matched list. */
    private static Evaluation expect(Decision decision, String rule, String runAs, RuleMatch... matched) {
        String reason = Arrays.stream(matched).filter(match -> match.rule().equals(rule)).findFirst()
                .orElseThrow().reason();
        return new Evaluation(decision, rule, reason, List.of(matched), runAs);
    }

    static Stream<Arguments> cases() {
        RuleMatch read = Defaults.READ;
        RuleMatch write = Defaults.WRITE;
        RuleMatch home = Defaults.DESTRUCTIVE_HOME;
        RuleMatch elsewhere = Defaults.DESTRUCTIVE;
        RuleMatch system = Defaults.SYSTEM;
        Decision allow = Decision.ALLOW;
        Decision ask = Decision.ASK;
        Decision deny = Decision.DENY;
        return Stream.of(
                // defaults by risk
                Arguments.of("read allowed", input(BOB, "fs.list", READ, null, "path=/home/bob"),
                        expect(allow, "builtin.read", null, read)),
                Arguments.of("read of a protected file is still a read", input(BOB, "fs.read", READ, null,
                        "path=/etc/shadow"), expect(allow, "builtin.read", null, read)),
                Arguments.of("write asks", input(BOB, "fs.write", WRITE, null, "path=/home/bob/notes.txt"),
                        expect(ask, "builtin.write", null, write)),
                Arguments.of("destructive in home asks", input(BOB, "fs.delete", DESTRUCTIVE, null,
                        "path=/home/bob/old.txt"), expect(ask, "builtin.destructive-home", null, home)),
                Arguments.of("destructive on the home itself counts as home", input(BOB, "fs.delete", DESTRUCTIVE,
                        null, "path=/home/bob"), expect(ask, "builtin.destructive-home", null, home)),
                Arguments.of("destructive elsewhere asks", input(BOB, "fs.delete", DESTRUCTIVE, null,
                        "path=/srv/data/x"), expect(ask, "builtin.destructive", null, elsewhere)),
                Arguments.of("a sibling with the home as name prefix is elsewhere", input(BOB, "fs.delete",
                        DESTRUCTIVE, null, "path=/home/bobby/x"), expect(ask, "builtin.destructive", null, elsewhere)),
                Arguments.of("destructive with one path outside home is elsewhere", input(BOB, "fs.move",
                        DESTRUCTIVE, null, "source=/home/bob/a", "destination=/srv/a"),
                        expect(ask, "builtin.destructive", null, elsewhere)),
                Arguments.of("destructive without paths is elsewhere", input(BOB, "proc.signal", DESTRUCTIVE,
                        "{\"pid\":1234,\"signal\":\"TERM\"}"), expect(ask, "builtin.destructive", null, elsewhere)),
                Arguments.of("no home means elsewhere", input(HOMELESS, "fs.delete", DESTRUCTIVE, null,
                        "path=/home/daemon/x"), expect(ask, "builtin.destructive", null, elsewhere)),
                Arguments.of("a home of / is no home", input(SLASH_HOME, "fs.delete", DESTRUCTIVE, null,
                        "path=/srv/x"), expect(ask, "builtin.destructive", null, elsewhere)),
                Arguments.of("system denied without a grant", input(BOB, "service.restart", SYSTEM,
                        "{\"unit\":\"nginx.service\"}"), expect(deny, "builtin.system", null, system)),
                Arguments.of("root needs a grant for system actions too", input(ROOT, "service.restart", SYSTEM,
                        "{\"unit\":\"nginx.service\"}"), expect(deny, "builtin.system", null, system)),

                // protections: everyone, root included, cannot be lifted
                Arguments.of("bob deletes /etc/passwd", input(BOB, "fs.delete", DESTRUCTIVE, null, "path=/etc/passwd"),
                        expect(deny, "builtin.protected", null, prot("path /etc/passwd is a protected path;"
                                + " destructive actions" + EVERYONE), elsewhere)),
                Arguments.of("alice deletes /etc/passwd", input(ALICE, "fs.delete", DESTRUCTIVE, null,
                        "path=/etc/passwd"), expect(deny, "builtin.protected", null, prot("path /etc/passwd is a"
                                + " protected path; destructive actions" + EVERYONE), elsewhere)),
                Arguments.of("root deletes /etc/passwd", input(ROOT, "fs.delete", DESTRUCTIVE, null,
                        "path=/etc/passwd"), expect(deny, "builtin.protected", null, prot("path /etc/passwd is a"
                                + " protected path; destructive actions" + EVERYONE), elsewhere)),
                Arguments.of("root deletes /", input(ROOT, "fs.delete", DESTRUCTIVE, "{\"recursive\":true}",
                        "path=/"), expect(deny, "builtin.protected", null, prot("path / is a protected path;"
                                + " destructive actions" + EVERYONE), elsewhere)),
                Arguments.of("root deletes /etc, which contains protected files", input(ROOT, "fs.delete",
                        DESTRUCTIVE, "{\"recursive\":true}", "path=/etc"), expect(deny, "builtin.protected", null,
                        prot("path /etc is a protected path; destructive actions" + EVERYONE), elsewhere)),
                Arguments.of("root deletes /var/lib, a parent of the state dir", input(ROOT, "fs.delete",
                        DESTRUCTIVE, null, "path=/var/lib"), expect(deny, "builtin.protected", null,
                        prot("path /var/lib is a protected path; destructive actions" + EVERYONE), elsewhere)),
                Arguments.of("root deletes inside /usr", input(ROOT, "fs.delete", DESTRUCTIVE, null,
                        "path=/usr/lib/x86_64-linux-gnu/libc.so.6"), expect(deny, "builtin.protected", null,
                        prot("path /usr/lib/x86_64-linux-gnu/libc.so.6 is inside the protected tree /usr;"
                                + " destructive actions" + EVERYONE), elsewhere)),
                Arguments.of("root deletes an ordinary /etc file", input(ROOT, "fs.delete", DESTRUCTIVE, null,
                        "path=/etc/hostname"), expect(ask, "builtin.destructive", null, elsewhere)),
                Arguments.of("a name that extends a tree name is not inside it", input(ROOT, "fs.delete",
                        DESTRUCTIVE, null, "path=/usrlocal/x"), expect(ask, "builtin.destructive", null, elsewhere)),
                Arguments.of("root writes /etc/passwd", input(ROOT, "fs.write", WRITE, null, "path=/etc/passwd"),
                        expect(deny, "builtin.protected", null, prot("path /etc/passwd is a protected path; writes"
                                + EVERYONE), write)),
                Arguments.of("bob writes into sudoers.d", input(BOB, "fs.write", WRITE, null,
                        "path=/etc/sudoers.d/bob"), expect(deny, "builtin.protected", null, prot("path"
                                + " /etc/sudoers.d/bob is inside the protected tree /etc/sudoers.d; writes"
                                + EVERYONE), write)),
                Arguments.of("root writes an ordinary /etc file", input(ROOT, "fs.write", WRITE, null,
                        "path=/etc/hostname"), expect(ask, "builtin.write", null, write)),
                Arguments.of("mkdir under /proc", input(BOB, "fs.mkdir", WRITE, null, "path=/proc/x"),
                        expect(deny, "builtin.protected", null, prot("path /proc/x is inside the protected tree"
                                + " /proc; writes" + EVERYONE), write)),
                Arguments.of("moving a file onto /boot", input(BOB, "fs.move", DESTRUCTIVE, null,
                        "source=/home/bob/a", "destination=/boot/vmlinuz"), expect(deny, "builtin.protected", null,
                        prot("destination /boot/vmlinuz is inside the protected tree /boot; destructive actions"
                                + EVERYONE), elsewhere)),
                Arguments.of("copy from a protected file is refused (path params have no roles yet)", input(BOB,
                        "fs.copy", WRITE, null, "source=/etc/passwd", "destination=/home/bob/p"),
                        expect(deny, "builtin.protected", null, prot("source /etc/passwd is a protected path;"
                                + " writes" + EVERYONE), write)),
                Arguments.of("the policy directory is protected", input(ROOT, "fs.write", WRITE, null,
                        "path=/etc/llm-os/policy.d/99-open.toml"), expect(deny, "builtin.protected", null,
                        prot("path /etc/llm-os/policy.d/99-open.toml is inside the protected tree /etc/llm-os;"
                                + " writes" + EVERYONE), write)),
                Arguments.of("system action on a device", input(ROOT, "disk.format", SYSTEM, null, "path=/dev/sda"),
                        expect(deny, "builtin.protected", null, prot("path /dev/sda is inside the protected tree"
                                + " /dev; system actions" + EVERYONE), system)),
                Arguments.of("a grant cannot lift a protection", input(ROOT, "fs.mkdir", WRITE, null, "path=/srv"),
                        expect(deny, "builtin.protected", null, prot("path /srv is a protected path; writes"
                                + EVERYONE), config("root-srv"))),

                // configured grants and restrictions
                Arguments.of("scratch write allowed", input(BOB, "fs.write", WRITE, null,
                        "path=/home/bob/scratch/a"), expect(allow, "scratch-free", null, config("scratch-free"))),
                Arguments.of("scratch dir itself is covered", input(BOB, "fs.delete", DESTRUCTIVE,
                        "{\"recursive\":true}", "path=/home/bob/scratch"),
                        expect(allow, "scratch-free", null, config("scratch-free"))),
                Arguments.of("another user's scratch is not mine", input(ALICE, "fs.delete", DESTRUCTIVE, null,
                        "path=/home/bob/scratch/a"), expect(ask, "builtin.destructive", null, elsewhere)),
                Arguments.of("a grant must cover every path", input(BOB, "fs.copy", WRITE, null,
                        "source=/home/bob/scratch/a", "destination=/home/bob/docs/a"),
                        expect(ask, "builtin.write", null, write)),
                Arguments.of("a grant covering every path applies", input(BOB, "fs.copy", WRITE, null,
                        "source=/home/bob/scratch/a", "destination=/home/bob/scratch/b"),
                        expect(allow, "scratch-free", null, config("scratch-free"))),
                Arguments.of("a restriction fires on any path", input(BOB, "fs.copy", WRITE, null,
                        "source=/home/bob/scratch/key", "destination=/home/bob/.ssh/authorized_keys"),
                        expect(deny, "ssh-keys", null, config("ssh-keys"))),
                Arguments.of("ssh keys denied", input(BOB, "fs.write", WRITE, null,
                        "path=/home/bob/.ssh/authorized_keys"), expect(deny, "ssh-keys", null, config("ssh-keys"))),
                Arguments.of("root's ssh keys denied", input(ROOT, "fs.delete", DESTRUCTIVE, null,
                        "path=/root/.ssh"), expect(deny, "ssh-keys", null, config("ssh-keys"))),
                Arguments.of("interns cannot write", input(CAROL, "fs.write", WRITE, null, "path=/home/carol/x"),
                        expect(deny, "interns-read-only", null, config("interns-read-only"))),
                Arguments.of("interns can read", input(CAROL, "fs.list", READ, null, "path=/home/carol"),
                        expect(allow, "builtin.read", null, read)),
                Arguments.of("strictest wins between grant and restriction", input(CAROL, "fs.write", WRITE, null,
                        "path=/home/carol/scratch/x"), expect(deny, "interns-read-only", null,
                        config("scratch-free"), config("interns-read-only"))),
                Arguments.of("admin restarts a service as root", input(ALICE, "service.restart", SYSTEM,
                        "{\"unit\":\"nginx.service\"}"), expect(ask, "admins-services", "root",
                        config("admins-services"))),
                Arguments.of("a deny drops the elevation", input(ALICE, "service.stop", SYSTEM,
                        "{\"unit\":\"nginx.service\"}"), expect(deny, "no-nginx-stop", null,
                        config("admins-services"), config("no-nginx-stop"))),
                Arguments.of("admin stops another service", input(ALICE, "service.stop", SYSTEM,
                        "{\"unit\":\"sshd.service\"}"), expect(ask, "admins-services", "root",
                        config("admins-services"))),
                Arguments.of("non-admin gets no grant", input(BOB, "service.stop", SYSTEM,
                        "{\"unit\":\"sshd.service\"}"), expect(deny, "builtin.system", null, system)),
                Arguments.of("admin installs a package", input(ALICE, "pkg.install", SYSTEM, "{\"name\":\"htop\"}"),
                        expect(ask, "pkg-admins", "root", config("pkg-admins"))),
                Arguments.of("an elevated run keeps only the capabilities its rule names", input(ALICE, "proc.run",
                        SYSTEM, "{\"argv\":[\"busybox\",\"httpd\",\"-p\",\"80\"]}"),
                        new Evaluation(ask, "web-port", "alice may serve the web on port 80",
                                List.of(config("web-port")), "root", java.util.Set.of("CAP_NET_BIND_SERVICE"))),
                Arguments.of("root refreshes package lists", input(ROOT, "proc.run", SYSTEM,
                        "{\"argv\":[\"apt\",\"update\"]}"), expect(allow, "apt-update", null, config("apt-update"))),
                Arguments.of("argv globs are exact, not prefixes", input(ROOT, "proc.run", SYSTEM,
                        "{\"argv\":[\"apt\",\"update\",\"&&\",\"rm\"]}"), expect(deny, "builtin.system", null, system)),
                Arguments.of("the apt grant is root's only", input(BOB, "proc.run", SYSTEM,
                        "{\"argv\":[\"apt\",\"update\"]}"), expect(deny, "builtin.system", null, system)),
                Arguments.of("root writes under /srv", input(ROOT, "fs.write", WRITE, null,
                        "path=/srv/www/index.html"), expect(allow, "root-srv", null, config("root-srv"))),
                Arguments.of("root copies from /srv to elsewhere", input(ROOT, "fs.copy", WRITE, null,
                        "source=/srv/a", "destination=/etc/cron.d/evil"), expect(ask, "builtin.write", null, write)),
                Arguments.of("secret log read asks", input(BOB, "fs.read", READ, null, "path=/var/log/app/secret.log"),
                        expect(ask, "secret-logs", null, config("secret-logs"))),
                Arguments.of("** spans several names", input(BOB, "fs.read", READ, null,
                        "path=/var/log/app/2025/secret-2"), expect(ask, "secret-logs", null, config("secret-logs"))),
                Arguments.of("other logs are plain reads", input(BOB, "fs.read", READ, null,
                        "path=/var/log/app/public.log"), expect(allow, "builtin.read", null, read)),
                Arguments.of("world-writable chmod denied", input(BOB, "fs.chmod", WRITE, "{\"mode\":\"0777\"}",
                        "path=/home/bob/x"), expect(deny, "world-writable", null, config("world-writable"))),
                Arguments.of("ordinary chmod asks", input(BOB, "fs.chmod", WRITE, "{\"mode\":\"0644\"}",
                        "path=/home/bob/x"), expect(ask, "builtin.write", null, write)),
                Arguments.of("a missing param never matches", input(BOB, "fs.chmod", WRITE, null,
                        "path=/home/bob/x"), expect(ask, "builtin.write", null, write)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(String name, PolicyInput input, Evaluation expected) {
        assertEquals(expected, POLICY.evaluate(input));
    }

    static Stream<Arguments> builtInCases() {
        return Stream.of(
                Arguments.of(input(BOB, "fs.write", WRITE, null, "path=/home/bob/scratch/a"),
                        expect(Decision.ASK, "builtin.write", null, Defaults.WRITE)),
                Arguments.of(input(ALICE, "service.restart", SYSTEM, "{\"unit\":\"x\"}"),
                        expect(Decision.DENY, "builtin.system", null, Defaults.SYSTEM)),
                Arguments.of(input(ROOT, "fs.delete", DESTRUCTIVE, null, "path=/root/x"),
                        expect(Decision.ASK, "builtin.destructive-home", null, Defaults.DESTRUCTIVE_HOME)));
    }

    @ParameterizedTest
    @MethodSource("builtInCases")
    void builtInsHoldWithoutConfiguration(PolicyInput input, Evaluation expected) {
        assertEquals(expected, Policy.builtIn().evaluate(input));
    }
}
