package dev.llmos.policy;

import static dev.llmos.action.Risk.DESTRUCTIVE;
import static dev.llmos.action.Risk.READ;
import static dev.llmos.action.Risk.SYSTEM;
import static dev.llmos.action.Risk.WRITE;
import static dev.llmos.policy.Inputs.ALICE;
import static dev.llmos.policy.Inputs.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** the rule a denial suggests: minimal, loadable, and proven to let exactly this request through. */
class PolicySuggestionTest {
    @Test
    void aDeniedSystemActionGetsAnAskRuleForThisUserAndTheseParams() throws PolicyException {
        PolicyInput hostname = input(ALICE, "sys.set_hostname", SYSTEM, "{\"hostname\":\"web1\",\"persistent\":true}");
        PolicySuggestion.Result result = PolicySuggestion.suggest(Policy.builtIn(), hostname, Set.of("hostname"), null);
        assertEquals(Decision.DENY, result.before());
        assertEquals("builtin.system", result.beforeRule());
        assertEquals(Decision.ASK, result.after());
        assertEquals("alice-sys.set_hostname", result.ruleId());
        assertEquals("""
                [[rule]]
                id = "alice-sys.set_hostname"
                actions = ["sys.set_hostname"]
                users = ["alice"]
                params = { hostname = "web1" }
                decision = "ask"
                reason = "alice may ask to run sys.set_hostname exactly like this (suggested by llmsh policy suggest)"
                # run_as = "root"   # add if sys.set_hostname needs root's privileges to work (system actions usually do)

                [[rule.match]]
                action = "sys.set_hostname"
                risk = "system"
                user = "alice"
                uid = 1001
                home = "/home/alice"
                params = { hostname = "web1" }
                """, result.rule());
        Policy withRule = PolicyLoader.parse("/etc/llm-os/policy.toml", result.rule());
        assertEquals(Decision.ASK, withRule.evaluate(hostname).decision(), "the loader takes it and it works");
        assertEquals(Decision.DENY, withRule.evaluate(input(ALICE, "sys.set_hostname", SYSTEM, "{\"hostname\":\"web2\"}"))
                .decision(), "and it lets only this request through");
    }

    @Test
    void anAskedWriteGetsAnAllowRuleCoveringItsExactPaths() throws PolicyException {
        PolicyInput write = input(ALICE, "fs.write", WRITE, "{\"path\":\"/srv/www/index.html\",\"content\":\"" + "x".repeat(300)
                + "\"}", "path=/srv/www/index.html");
        PolicySuggestion.Result result = PolicySuggestion.suggest(Policy.builtIn(), write, Set.of("path", "content"), null);
        assertEquals(Decision.ALLOW, result.after());
        assertTrue(result.rule().contains("paths = [\"/srv/www/index.html\"]\n"), result.rule());
        assertTrue(!result.rule().contains("content"), "a long param is left unconstrained: " + result.rule());
        Policy withRule = PolicyLoader.parse("p", result.rule());
        assertEquals(Decision.ALLOW, withRule.evaluate(write).decision());
        assertEquals(Decision.ASK, withRule.evaluate(input(ALICE, "fs.write", WRITE, "{}", "path=/srv/www/other.html"))
                .decision());
    }

    @Test
    void protectionsAndConfiguredDenialsCannotBeLiftedSoNoRuleIsSuggested() throws PolicyException {
        PolicySuggestion.Result passwd = PolicySuggestion.suggest(Policy.builtIn(),
                input(ALICE, "fs.delete", DESTRUCTIVE, "{}", "path=/etc/passwd"), Set.of("path"), null);
        assertNull(passwd.rule());
        assertTrue(passwd.blocked().startsWith("no rule can allow it: path /etc/passwd is a protected path"), passwd.blocked());
        Policy denying = PolicyLoader.parse("p", """
                [[rule]]
                id = "no-hostnames"
                actions = ["sys.set_hostname"]
                decision = "deny"
                reason = "hostnames are managed elsewhere"
                """);
        PolicySuggestion.Result denied = PolicySuggestion.suggest(denying,
                input(ALICE, "sys.set_hostname", SYSTEM, "{\"hostname\":\"a\"}"), Set.of("hostname"), null);
        assertNull(denied.rule());
        assertEquals("a rule would not help: no-hostnames still gives deny (hostnames are managed elsewhere)", denied.blocked());
    }

    @Test
    void whatIsAlreadyAllowedNeedsNoRuleAndIdsStayUnique() throws PolicyException {
        PolicySuggestion.Result read = PolicySuggestion.suggest(Policy.builtIn(), input(ALICE, "fs.list", READ, "{}",
                "path=/tmp"), Set.of("path"), null);
        assertNull(read.rule());
        assertNull(read.blocked());
        assertEquals(Decision.ALLOW, read.after());
        Policy existing = PolicyLoader.parse("p", """
                [[rule]]
                id = "alice-pkg.install"
                actions = ["pkg.remove"]
                decision = "ask"
                reason = "unrelated, same id"
                """);
        PolicySuggestion.Result install = PolicySuggestion.suggest(existing,
                input(ALICE, "pkg.install", SYSTEM, "{\"name\":\"hello\"}"), Set.of("name"), Decision.ALLOW);
        assertEquals("alice-pkg.install-2", install.ruleId());
        assertEquals(Decision.ALLOW, install.after());
    }
}
