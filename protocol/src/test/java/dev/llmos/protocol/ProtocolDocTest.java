package dev.llmos.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/protocol.md and the code name the same methods and error codes. */
class ProtocolDocTest {
    private static final Path DOC = Path.of(System.getProperty("user.dir")).resolve("../docs/protocol.md");

    private static List<Object> constants(Class<?> type) throws IllegalAccessException {
        List<Object> values = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && Modifier.isPublic(field.getModifiers())) {
                values.add(field.get(null));
            }
        }
        return values;
    }

    @Test
    void everyErrorCodeIsDocumentedAndNoOther() throws IOException, IllegalAccessException {
        String doc = Files.readString(DOC);
        Set<Integer> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (-32\\d{3}) \\|").matcher(doc);
        while (row.find()) {
            documented.add(Integer.parseInt(row.group(1)));
        }
        Set<Integer> code = new TreeSet<>();
        for (Object value : constants(ErrorCodes.class)) {
            code.add((Integer) value);
        }
        assertEquals(code, documented);
    }

    @Test
    void everyMethodIsDocumented() throws IOException, IllegalAccessException {
        String doc = Files.readString(DOC);
        for (Object method : constants(Methods.class)) {
            assertTrue(doc.contains("`" + method + "`") || doc.contains("\"method\":\"" + method + "\""),
                    "docs/protocol.md does not mention " + method);
        }
    }
}
