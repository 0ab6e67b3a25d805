package dev.llmos.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** plans as playbooks of ansible's own modules, or refused with every reason. */
class AnsibleExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode plan(String steps) throws Exception {
        return JSON.readTree("{\"version\":1,\"request\":\"set up motd\",\"steps\":[" + steps + "]}");
    }

    private static String yaml(String steps) throws Exception {
        return assertInstanceOf(AnsibleExport.Playbook.class, AnsibleExport.export(plan(steps), Map.of())).yaml();
    }

    @Test
    void eachStepBecomesNamedTasksOfAnsiblesOwnModules() throws Exception {
        AnsibleExport.Playbook playbook = assertInstanceOf(AnsibleExport.Playbook.class, AnsibleExport.export(plan(
                "{\"action\":\"fs.mkdir\",\"params\":{\"path\":\"/srv/app\",\"parents\":true}},"
                        + "{\"action\":\"fs.write\",\"params\":{\"path\":\"/srv/app/motd\",\"content\":\"hello\\n\"},\"why\":\"greet\"},"
                        + "{\"action\":\"proc.run\",\"params\":{\"argv\":[\"touch\",\"/srv/app/ran\"]}},"
                        + "{\"action\":\"service.restart\",\"params\":{\"unit\":\"nginx.service\"}}"), Map.of()));
        String yaml = playbook.yaml();
        assertEquals(4, playbook.steps());
        assertTrue(yaml.startsWith("# written by llmsh plan export --ansible"), yaml);
        assertTrue(yaml.contains("- name: !unsafe \"step 1: fs.mkdir path=/srv/app parents=true\"\n"), yaml);
        assertTrue(yaml.contains("ansible.builtin.file:\n"), yaml);
        assertTrue(yaml.contains("name: !unsafe \"step 2: fs.write path=/srv/app/motd content=hello\\n  # greet\""), yaml);
        assertTrue(yaml.contains("ansible.builtin.copy:\n"), yaml);
        assertTrue(yaml.contains("content: !unsafe \"hello\\n\""), yaml);
        assertTrue(yaml.contains("force: false"), "fs.write's default create never replaces a file: " + yaml);
        assertTrue(yaml.contains("ansible.builtin.command:\n"), yaml);
        assertTrue(yaml.contains("argv:\n"), "proc.run is argv, never a shell string: " + yaml);
        assertTrue(yaml.contains("ansible.builtin.systemd_service:\n"), yaml);
        assertFalse(yaml.contains("ansible.builtin.shell"), yaml);
        // fs.write's parent is made by step 1: a dry run looks first and skips it while it is missing
        assertTrue(yaml.contains("step 2 check: in a dry run, does /srv/app exist yet"), yaml);
        assertTrue(yaml.contains("ansible_check_mode"), yaml);
    }

    @Test
    void planTextIsNeverATemplateAndNothingHidesFromAReviewer() throws Exception {
        String yaml = yaml("{\"action\":\"fs.write\",\"params\":{\"path\":\"/tmp/x\","
                + "\"content\":\"{{ lookup('pipe', 'id') }} \\u202e\\u0007\\u00e9\"}}");
        assertTrue(yaml.contains("content: !unsafe \"{{ lookup('pipe', 'id') }} \\u202e\\a\\xe9\""), yaml);
        yaml.chars().forEach(c -> assertTrue(c == '\n' || (c >= 0x20 && c < 0x7f), "only printable ascii: " + c));
    }

    @Test
    void stepsWithoutAFaithfulModuleAreRefusedAllTogether() throws Exception {
        AnsibleExport.Refusals refusals = assertInstanceOf(AnsibleExport.Refusals.class, AnsibleExport.export(plan(
                "{\"action\":\"fs.move\",\"params\":{\"source\":\"/a\",\"destination\":\"/b\"}},"
                        + "{\"action\":\"fs.write\",\"params\":{\"path\":\"/tmp/x\",\"content\":\"x\",\"mode\":\"append\"}},"
                        + "{\"action\":\"fs.mkdir\",\"params\":{\"path\":\"/srv/ok\"}},"
                        + "{\"action\":\"fs.list\",\"params\":{\"path\":\"/srv\"}},"
                        + "{\"action\":\"fs.write\",\"params\":{\"path\":\"relative\",\"content\":\"x\"}},"
                        + "{\"action\":\"fs.mkdir\",\"params\":{\"path\":\"/srv/x\",\"owner\":\"bob\"}}"),
                Map.of("fs.list", "read")));
        List<String> lines = refusals.refusals().stream().map(Refusal::toString).toList();
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("step 1 (fs.move): no ansible module moves"), lines.get(0));
        assertTrue(lines.get(1).startsWith("step 2 (fs.write): mode=append has no faithful module"), lines.get(1));
        assertTrue(lines.get(2).startsWith("step 4 (fs.list): it only reads"), lines.get(2));
        assertTrue(lines.get(3).startsWith("step 5 (fs.write): param path is not a plain absolute path"), lines.get(3));
        assertEquals("step 6 (fs.mkdir): unknown param owner", lines.get(4));
    }

    @Test
    void whatIsNotAPlanIsSaidSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnsibleExport.export(JSON.readTree("{\"version\":1,\"steps\":[]}"), Map.of()));
        assertEquals("the plan has no steps", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AnsibleExport.export(JSON.readTree("[1]"), Map.of()));
    }
}
