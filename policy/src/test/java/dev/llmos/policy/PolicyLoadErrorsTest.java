package dev.llmos.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** a policy that cannot be used fails at load with file, line, column, rule and key in the message. */
class PolicyLoadErrorsTest {
    private static final String HEAD = """
            [[rule]]
            id = "r1"
            reason = "because"
            """;
    /** the rest of a valid rule, after a first line that is wrong. */
    private static final String TAIL = "reason = \"because\"\ndecision = \"deny\"\nactions = [\"*\"]\n";

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("syntax", "a = 1\n\nb = = 2\n",
                        "p.toml:3:5: invalid toml: Unexpected '=', expected ', \", ''', \"\"\", a number, a boolean, a"
                                + " date/time, an array, or a table"),
                Arguments.of("unterminated string", "[[rule]]\nid = \"x\nreason = \"y\"\n",
                        "p.toml:2:8: invalid toml: Unexpected end of line, expected \" or a character"),
                Arguments.of("unknown top-level key", "version = 1\n[[rule]]\n",
                        "p.toml:1:1: unknown top-level key 'version'; a policy file holds only [[rule]] tables"),
                Arguments.of("unknown top-level table", "[[rule]]\nid = \"a\"\n\n[settings]\nx = 1\n",
                        "p.toml:4:1: unknown top-level key 'settings'; a policy file holds only [[rule]] tables"),
                Arguments.of("unknown rule key", HEAD + "decision = \"allow\"\nactions = [\"fs.*\"]\nacions = [\"x\"]\n",
                        "p.toml:6:1: rule 'r1': unknown field /acions (known fields: actions, capabilities, decision,"
                                + " groups, id, match, not_match, params, paths, reason, risk, run_as, uids, users)"),
                Arguments.of("missing id", "[[rule]]\nreason = \"x\"\ndecision = \"deny\"\nactions = [\"*\"]\n",
                        "p.toml:1:1: rule #1: missing required field /id"),
                Arguments.of("bad id", "[[rule]]\nid = \"Admins\"\n" + TAIL,
                        "p.toml:2:1: rule 'Admins': key 'id': must be 1-64 of a-z, 0-9, '.', '_', '-', start with a letter"
                                + " or digit and not start with 'builtin.', not \"Admins\""),
                Arguments.of("builtin id", "[[rule]]\nid = \"builtin.protected\"\n" + TAIL,
                        "p.toml:2:1: rule 'builtin.protected': key 'id': must be 1-64 of a-z, 0-9, '.', '_', '-', start"
                                + " with a letter or digit and not start with 'builtin.', not \"builtin.protected\""),
                Arguments.of("id not a string", "[[rule]]\nid = 7\n" + TAIL,
                        "p.toml:2:1: rule #1: field /id: integer found, string expected"),
                Arguments.of("missing decision", HEAD + "actions = [\"fs.*\"]\n",
                        "p.toml:1:1: rule 'r1': missing required field /decision (only a rule with run_as may leave it out)"),
                Arguments.of("bad decision", HEAD + "decision = \"maybe\"\nactions = [\"fs.*\"]\n",
                        "p.toml:4:1: rule 'r1': field /decision: does not have a value in the enumeration [\"allow\","
                                + " \"ask\", \"deny\"]"),
                Arguments.of("bad run_as", HEAD + "run_as = \"admin\"\nactions = [\"fs.*\"]\n",
                        "p.toml:4:1: rule 'r1': field /run_as: does not have a value in the enumeration [\"root\"]"),
                Arguments.of("capabilities without run_as", HEAD + "decision = \"allow\"\nactions = [\"proc.run\"]\n"
                                + "capabilities = [\"CAP_NET_BIND_SERVICE\"]\n",
                        "p.toml:6:1: rule 'r1': key 'capabilities': capabilities are granted to a run as root; add run_as ="
                                + " \"root\""),
                Arguments.of("unknown capability", HEAD + "run_as = \"root\"\nactions = [\"proc.run\"]\n"
                                + "capabilities = [\"CAP_EVERYTHING\"]\n",
                        "p.toml:6:17: rule 'r1': key 'capabilities': \"CAP_EVERYTHING\" is not a capability (like"
                                + " CAP_NET_BIND_SERVICE; capabilities(7) lists them)"),
                Arguments.of("missing reason", "[[rule]]\nid = \"r1\"\ndecision = \"deny\"\nactions = [\"*\"]\n",
                        "p.toml:1:1: rule 'r1': missing required field /reason"),
                Arguments.of("blank reason", "[[rule]]\nid = \"r1\"\ndecision = \"deny\"\nreason = \" \"\nactions = [\"*\"]\n",
                        "p.toml:4:1: rule 'r1': key 'reason': must say why, for the people who will read it"),
                Arguments.of("missing actions", HEAD + "decision = \"deny\"\n",
                        "p.toml:1:1: rule 'r1': missing required field /actions"),
                Arguments.of("empty actions", HEAD + "decision = \"deny\"\nactions = []\n",
                        "p.toml:5:1: rule 'r1': field /actions: must have at least 1 items but found 0"),
                Arguments.of("actions not an array", HEAD + "decision = \"deny\"\nactions = \"fs.*\"\n",
                        "p.toml:5:1: rule 'r1': field /actions: string found, array expected"),
                Arguments.of("bad action glob", HEAD + "decision = \"deny\"\nactions = [\"FS.*\"]\n",
                        "p.toml:5:12: rule 'r1': key 'actions': \"FS.*\" is not an action glob (a-z, 0-9, '.', '_', '-',"
                                + " '*' and '?')"),
                Arguments.of("bad risk", HEAD + "decision = \"deny\"\nactions = [\"*\"]\nrisk = [\"dangerous\"]\n",
                        "p.toml:6:9: rule 'r1': field /risk/0: does not have a value in the enumeration [\"read\","
                                + " \"write\", \"destructive\", \"system\"]"),
                Arguments.of("bad uid range", HEAD + "decision = \"deny\"\nactions = [\"*\"]\nuids = [\"1000-x\"]\n",
                        "p.toml:6:9: rule 'r1': key 'uids': expected a uid or a range such as \"1000-60000\", not"
                                + " \"1000-x\""),
                Arguments.of("reversed uid range", HEAD + "decision = \"deny\"\nactions = [\"*\"]\nuids = [\"9-1\"]\n",
                        "p.toml:6:9: rule 'r1': key 'uids': a uid range goes from a low uid to a higher one, within"
                                + " 0-4294967294"),
                Arguments.of("wildcard user", HEAD + "decision = \"deny\"\nactions = [\"*\"]\nusers = [\"b*\"]\n",
                        "p.toml:6:10: rule 'r1': key 'users': names are matched exactly; \"b*\" is not a name"),
                Arguments.of("relative path", HEAD + "decision = \"deny\"\nactions = [\"*\"]\npaths = [\"srv/data\"]\n",
                        "p.toml:6:10: rule 'r1': key 'paths': \"srv/data\" must be absolute or start with ~"),
                Arguments.of("dot-dot path", HEAD + "decision = \"deny\"\nactions = [\"*\"]\npaths = [\"/srv/../etc\"]\n",
                        "p.toml:6:10: rule 'r1': key 'paths': '..' is not allowed; give the path without it: /srv/../etc"),
                Arguments.of("look-alike path", HEAD + "decision = \"deny\"\nactions = [\"*\"]\npaths = [\"/etc\u2215x\"]\n",
                        "p.toml:6:10: rule 'r1': key 'paths': the path contains U+2215, a look-alike of a slash or"
                                + " backslash: /etc\u2215x"),
                Arguments.of("bad ** in path", HEAD + "decision = \"deny\"\nactions = [\"*\"]\npaths = [\"/a/**b\"]\n",
                        "p.toml:6:10: rule 'r1': key 'paths': '**' must be a whole path segment: /a/**b"),
                Arguments.of("param table value", HEAD + "decision = \"deny\"\nactions = [\"*\"]\n"
                        + "params = { env = { A = \"1\" } }\n",
                        "p.toml:6:12: rule 'r1': key 'params': param 'env' must be a string, number or boolean, or an array"
                                + " of them, not a table"),
                Arguments.of("empty params", HEAD + "decision = \"deny\"\nactions = [\"*\"]\nparams = {}\n",
                        "p.toml:6:1: rule 'r1': key 'params': must be a non-empty table of param name to value(s), not an"
                                + " empty table"),
                Arguments.of("match example that does not match", HEAD + "decision = \"deny\"\nactions = [\"fs.*\"]\n"
                        + "risk = [\"destructive\"]\n\n[[rule.match]]\naction = \"fs.delete\"\n",
                        "p.toml:8:1: rule 'r1': match example #1 does not match the rule: its 'risk' does not hold"),
                Arguments.of("not_match example that matches", HEAD + "decision = \"deny\"\nactions = [\"fs.*\"]\n"
                        + "\n[[rule.not_match]]\naction = \"fs.list\"\n\n[[rule.not_match]]\naction = \"fs.delete\"\n",
                        "p.toml:7:1: rule 'r1': not_match example #1 matches the rule"),
                Arguments.of("second example is wrong", HEAD + "decision = \"deny\"\nactions = [\"fs.*\"]\n"
                        + "\n[[rule.match]]\naction = \"fs.list\"\n\n[[rule.match]]\naction = \"proc.run\"\n",
                        "p.toml:10:1: rule 'r1': match example #2 does not match the rule: its 'actions' does not hold"),
                Arguments.of("example unknown key", HEAD + "decision = \"deny\"\nactions = [\"fs.*\"]\n"
                        + "\n[[rule.match]]\naction = \"fs.list\"\npath = \"/x\"\n",
                        "p.toml:9:1: rule 'r1': match example #1: unknown field /path (known fields: action, groups, home,"
                                + " params, paths, risk, uid, user)"),
                Arguments.of("example without action", HEAD + "decision = \"deny\"\nactions = [\"fs.*\"]\n"
                        + "\n[[rule.match]]\nuser = \"bob\"\n",
                        "p.toml:7:1: rule 'r1': match example #1: missing required field /action"),
                Arguments.of("example with a bad path", HEAD + "decision = \"deny\"\nactions = [\"fs.*\"]\n"
                        + "\n[[rule.match]]\naction = \"fs.list\"\npaths = { path = \"/a/../b\" }\n",
                        "p.toml:9:11: rule 'r1': match example #1: key 'paths': '..' is not allowed; give the path without"
                                + " it: /a/../b"),
                Arguments.of("rule as an inline table", "rule = [\n  { id = \"r1\", reason = \"x\", decision = \"deny\","
                        + " actions = [\"fs.*\", \"FS\"] },\n]\n",
                        "p.toml:2:68: rule 'r1': key 'actions': \"FS\" is not an action glob (a-z, 0-9, '.', '_', '-', '*'"
                                + " and '?')"),
                Arguments.of("date value", HEAD + "decision = \"deny\"\nactions = [\"*\"]\nusers = [1979-05-27]\n",
                        "p.toml:6:10: a date or time (1979-05-27) is not a policy value"),
                Arguments.of("second rule is located", HEAD + "decision = \"deny\"\nactions = [\"*\"]\n\n"
                        + "[[rule]]\nid = \"r2\"\nreason = \"x\"\ndecision = \"allow\"\nactions = [\"*\"]\nusers = []\n",
                        "p.toml:12:1: rule 'r2': field /users: must have at least 1 items but found 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void refuses(String name, String toml, String message) {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("p.toml", toml));
        assertEquals(message, e.getMessage());
    }

    @Test
    void duplicateIdsAcrossFilesNameBothPlaces() {
        String rule = HEAD + "decision = \"deny\"\nactions = [\"*\"]\n";
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse(List.of(
                new PolicySource("a.toml", rule), new PolicySource("b.toml", "\n\n" + rule))));
        assertEquals("b.toml:3: rule 'r1': duplicate id, first defined at a.toml:1", e.getMessage());
        assertEquals("b.toml", e.file());
        assertEquals(3, e.line());
    }

    @Test
    void emptyFileIsAPolicyWithNoRules() throws PolicyException {
        assertEquals(Policy.builtIn().show(), PolicyLoader.parse(List.of()).show());
        PolicyLoader.parse("empty.toml", "# nothing yet\n");
    }
}
