package dev.llmos.actions.desktop;

import static dev.llmos.action.testkit.Harness.params;
import static dev.llmos.action.testkit.Harness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pixel fidelity of display.screenshot: images with known pixels are put on a real screen by
 * xwud (the x window undumper) and must come back exactly; screens of other depths are painted
 * with xsetroot and read back. uses its own servers, as the noisy window would upset others.
 */
class ScreenCaptureTest {
    private static XServer x;

    @BeforeAll
    static void setUp() throws Exception {
        x = XServer.start("1024x768x24");
    }

    @AfterAll
    static void tearDown() {
        x.close();
    }

    /** an xwd file (version 7, 24-bit true colour, 32 bits a pixel, lsb first) holding {@code rgb}, named {@code name}. */
    static byte[] xwd(String name, int width, int height, int[] rgb) {
        byte[] title = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        int headerSize = 100 + title.length;
        ByteBuffer out = ByteBuffer.allocate(headerSize + width * height * 4);
        int[] header = {headerSize, 7, 2, 24, width, height, 0, 0, 32, 0, 32, 32, width * 4, 4, 0xff0000, 0xff00,
            0xff, 8, 256, 0, width, height, 0, 0, 0};
        for (int field : header) {
            out.putInt(field);
        }
        out.put(title);
        out.order(ByteOrder.LITTLE_ENDIAN);
        for (int pixel : rgb) {
            out.putInt(pixel);
        }
        return out.array();
    }

    /** shows {@code rgb} in a window of its own at 0,0 and returns the window's id. */
    private static long show(String name, int width, int height, int[] rgb) throws Exception {
        Path file = x.dir().resolve(name + ".xwd");
        Files.write(file, xwd(name, width, height, rgb));
        x.spawn(List.of("xwud", "-in", file.toString(), "-geometry", "+0+0"), x.dir().resolve(name + ".log"));
        return x.awaitWindow("xwud: " + name);
    }

    private static int[] capture(JsonNode output) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(output.path("base64")
                .asText())));
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xffffff;
        }
        return rgb;
    }

    @Test
    void everyPixelOfAKnownImageComesBackExactly() throws Exception {
        int width = 256;
        int height = 200;
        int[] pattern = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pattern[y * width + x] = x << 16 | (y * 5 & 0xff) << 8 | (x ^ y) & 0xff;
            }
        }
        long window = show("llmos-pattern", width, height, pattern);
        int[] seen = new int[0];
        for (int attempt = 0; attempt < 100; attempt++) {
            JsonNode out = run(x.session(), "display.screenshot", params("window", window)).output();
            assertEquals(width, out.path("width").asInt(), out.path("area").toString());
            assertEquals(height, out.path("height").asInt());
            seen = capture(out);
            if (java.util.Arrays.equals(pattern, seen)) {
                return;
            }
            XServer.sleep(50);
        }
        int differing = 0;
        for (int i = 0; i < pattern.length; i++) {
            differing += pattern[i] == seen[i] ? 0 : 1;
        }
        throw new AssertionError(differing + " of " + pattern.length + " pixels differ");
    }

    @Test
    void aScreenshotTooLargeToReturnInlineIsRefusedButCanBeWrittenToAFile() throws Exception {
        int width = 1000;
        int height = 700;
        int[] noise = new int[width * height];
        Random random = new Random(42);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextInt(1 << 24);
        }
        long window = show("llmos-noise", width, height, noise);
        XServer.sleep(300);
        ActionException e = assertThrows(ActionException.class,
                () -> run(x.session(), "display.screenshot", params("window", window)));
        assertTrue(e.getMessage().matches("the screenshot is [0-9.]+ MiB as png \\([0-9.]+ MiB as base64\\), more than "
                + "a result may carry inline \\(960 KiB of base64, a protocol frame is 1 MiB\\): give a path to write "
                + "it to a file, or a region or window to capture less"), e.getMessage());
        Path file = x.dir().resolve("noise.png");
        JsonNode out = run(x.session(), "display.screenshot", params("window", window, "path", file.toString()))
                .output();
        assertTrue(out.path("bytes").asLong() > DisplayScreenshotAction.MAX_BASE64_CHARS * 3L / 4, out.toString());
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(width, image.getWidth());
        // a small region of it still fits inline
        JsonNode small = run(x.session(), "display.screenshot", params("window", window,
                "region", java.util.Map.of("x", 0, "y", 0, "width", 100, "height", 100))).output();
        assertEquals(100, small.path("width").asInt());
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {8, 16, 24})
    void screensOfEveryCommonDepthDecode(int depth) throws Exception {
        XServer other = XServer.start("320x200x" + depth);
        try {
            for (String colour : List.of("#ff0000", "#00ff00", "#0000ff", "#ffffff", "#000000")) {
                other.tool("xsetroot", "-solid", colour);
                JsonNode out = run(other.session(), "display.screenshot", params()).output();
                assertEquals(320, out.path("width").asInt());
                int[] rgb = capture(out);
                int expected = Integer.parseInt(colour.substring(1), 16);
                assertEquals(expected, rgb[0], "depth " + depth + " " + colour);
                assertEquals(expected, rgb[rgb.length - 1], "depth " + depth + " " + colour);
            }
        } finally {
            other.close();
        }
    }
}
