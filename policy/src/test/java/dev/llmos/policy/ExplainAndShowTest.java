package dev.llmos.policy;

import static dev.llmos.action.Risk.DESTRUCTIVE;
import static dev.llmos.action.Risk.SYSTEM;
import static dev.llmos.policy.Inputs.ALICE;
import static dev.llmos.policy.Inputs.ROOT;
import static dev.llmos.policy.Inputs.input;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** the texts behind {@code llmsh policy check} and {@code llmsh policy show}. */
class ExplainAndShowTest {
    private static final String TOML = """
            [[rule]]
            id = "admins-services"
            actions = ["service.*"]
            groups = ["llmos-admins"]
            run_as = "root"
            reason = "admins may manage services"

            [[rule.match]]
            action = "service.restart"
            groups = ["llmos-admins"]

            [[rule]]
            id = "etc-deletes"
            actions = ["fs.delete"]
            paths = ["/etc"]
            decision = "deny"
            reason = "nothing in /etc is deleted from here"
            params = { recursive = true }

            [[rule]]
            id = "odd"
            actions = ["x.y"]
            decision = "allow"
            reason = "quotes \\"and\\" escapes"
            params = { "odd key" = ["a*", 3, false], plain = 1.5 }
            """;

    @Test
    void explainListsEveryMatchedRuleWithItsOrigin() throws PolicyException {
        Policy policy = PolicyLoader.parse("/etc/llm-os/policy.toml", TOML);
        Evaluation denied = policy.evaluate(input(ROOT, "fs.delete", DESTRUCTIVE, "{\"recursive\":true}",
                "path=/etc"));
        assertEquals("""
                decision: deny
                rule:     builtin.protected (built-in protection, cannot be lifted)
                reason:   path /etc is a protected path; destructive actions there are denied for everyone, root included
                runs as:  the caller
                matched rules (the strictest decision wins):
                  deny   builtin.protected  [built-in protection, cannot be lifted]
                         path /etc is a protected path; destructive actions there are denied for everyone, root included
                  deny   etc-deletes  [configured at /etc/llm-os/policy.toml:12]
                         nothing in /etc is deleted from here
                """, policy.explain(denied));
        Evaluation elevated = policy.evaluate(input(ALICE, "service.restart", SYSTEM, "{\"unit\":\"x\"}"));
        assertEquals("""
                decision: ask
                rule:     admins-services (configured at /etc/llm-os/policy.toml:1)
                reason:   admins may manage services
                runs as:  root (granted by a configured rule)
                matched rules (the strictest decision wins):
                  ask    admins-services  [configured at /etc/llm-os/policy.toml:1]
                         admins may manage services
                """, policy.explain(elevated));
    }

    @Test
    void showRendersBuiltInsThenRulesAsToml() throws PolicyException {
        String shown = PolicyLoader.parse("/etc/llm-os/policy.toml", TOML).show();
        assertEquals("""
                # effective policy
                # sources: /etc/llm-os/policy.toml
                # evaluation: the protections and every matching configured rule count; the defaults count only when no
                # configured rule matches; the strictest decision wins (deny > ask > allow). a rule that grants
                # (allow, or run_as) must cover every path of an action; a rule that restricts fires on any one.
                """ + new ProtectedPaths(java.util.List.of()).describe() + Defaults.describe() + """
                # configured rules (layer config), in load order: 3

                # /etc/llm-os/policy.toml:1
                [[rule]]
                id = "admins-services"
                decision = "ask"
                reason = "admins may manage services"
                run_as = "root"
                actions = ["service.*"]
                groups = ["llmos-admins"]

                # /etc/llm-os/policy.toml:12
                [[rule]]
                id = "etc-deletes"
                decision = "deny"
                reason = "nothing in /etc is deleted from here"
                actions = ["fs.delete"]
                params = { recursive = true }
                paths = ["/etc"]

                # /etc/llm-os/policy.toml:20
                [[rule]]
                id = "odd"
                decision = "allow"
                reason = "quotes \\"and\\" escapes"
                actions = ["x.y"]
                params = { "odd key" = ["a*", 3, false], plain = 1.5 }
                """, shown);
    }

    @Test
    void shownPolicyLoadsBackToTheSameRules() throws PolicyException {
        Policy policy = PolicyLoader.parse("/etc/llm-os/policy.toml", TOML);
        String shown = policy.show();
        Policy reloaded = PolicyLoader.parse("/etc/llm-os/policy.toml", shown);
        assertEquals(shown.replaceAll("policy.toml:\\d+", ""), reloaded.show().replaceAll("policy.toml:\\d+", ""));
    }
}
