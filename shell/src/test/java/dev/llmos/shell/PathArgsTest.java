package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** path params made absolute as a shell would. */
class PathArgsTest {
    private static final Path CWD = Path.of("/home/alice/src/project");
    private static final Places PLACES = Places.local(CWD, Map.of("HOME", "/home/alice"));

    private static String resolve(String raw) throws CliException {
        return PathArgs.resolve(raw, PLACES);
    }

    @Test
    void dotsTildesAndRelativePaths() throws CliException {
        assertEquals("/home/alice/src/project", resolve("."));
        assertEquals("/home/alice/src/project", resolve("./"));
        assertEquals("/home/alice/src/project/notes.txt", resolve("notes.txt"));
        assertEquals("/home/alice/src/project/a/b", resolve("./a/b"));
        assertEquals("/home/alice/src", resolve(".."));
        assertEquals("/home/alice/x", resolve("../../x"));
        assertEquals("/", resolve("../../../../../.."));
        assertEquals("/home/alice/src/project/a/../b", resolve("a/../b"), "a .. further in is the daemon's to refuse");
        assertEquals("/home/alice", resolve("~"));
        assertEquals("/home/alice/.bashrc", resolve("~/.bashrc"));
        assertEquals("/root/x", resolve("~root/x"));
        assertEquals("/etc/hosts", resolve("/etc/hosts"));
        assertEquals("", resolve(""));
        CliException unknown = assertThrows(CliException.class, () -> resolve("~nosuchuser-llmos/x"));
        assertEquals("no such user for ~nosuchuser-llmos", unknown.getMessage());
    }

    @Test
    void onlyPathParamsAndAProgramGivenAsAPathAreResolved() throws Exception {
        ObjectNode entry = (ObjectNode) JsonCodec.parse("{\"path_params\":[\"argv\",\"cwd\"],"
                + "\"path_roles\":{\"argv\":\"program\",\"cwd\":\"target\"}}");
        ObjectNode params = (ObjectNode) JsonCodec.parse("{\"argv\":[\"./run.sh\",\"x\",\"./y\"],\"cwd\":\".\",\"name\":\"./z\"}");
        PathArgs.resolve(params, entry, PLACES);
        assertEquals("{\"argv\":[\"/home/alice/src/project/run.sh\",\"x\",\"./y\"],\"cwd\":\"/home/alice/src/project\","
                + "\"name\":\"./z\"}", JsonCodec.text(params));
        ObjectNode bare = (ObjectNode) JsonCodec.parse("{\"argv\":[\"uname\",\"-a\"]}");
        PathArgs.resolve(bare, entry, PLACES);
        assertEquals("{\"argv\":[\"uname\",\"-a\"]}", JsonCodec.text(bare), "a bare program name is looked up by the daemon");
    }
}
