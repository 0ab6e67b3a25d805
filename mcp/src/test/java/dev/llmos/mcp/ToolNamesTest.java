package dev.llmos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolNamesTest {
    @Test
    void aToolIsNamedLikeItsActionWithTheDotAsAnUnderscore() {
        ToolNames names = ToolNames.of(List.of("fs.list", "sys.disk_usage", "json_schema_2020_12.tool"));
        assertEquals("fs.list", names.action("fs_list"));
        assertEquals("sys.disk_usage", names.action("sys_disk_usage"));
        assertEquals("json_schema_2020_12.tool", names.action("json_schema_2020_12_tool"));
        assertNull(names.action("fs.list"), "the dotted name is not a tool name");
        assertTrue(names.clashes().isEmpty());
    }

    @Test
    void actionsWhoseToolNamesClashAreBothLeftOutAndNamed() {
        ToolNames names = ToolNames.of(List.of("a_b.c", "a.b_c", "fs.list"));
        assertNull(names.action("a_b_c"));
        assertFalse(names.exposes("a_b.c"));
        assertFalse(names.exposes("a.b_c"));
        assertTrue(names.exposes("fs.list"));
        assertEquals(List.of("a_b_c (a.b_c, a_b.c)"), names.clashes());
    }

    @Test
    void everyToolNameFitsWhatModelApisAccept() {
        for (String action : List.of("fs.list", "input.mouse_move", "pkg.search", "test.tool_with_progress")) {
            assertTrue(ToolNames.toolName(action).matches("[a-zA-Z0-9_-]{1,64}"), action);
        }
    }
}
