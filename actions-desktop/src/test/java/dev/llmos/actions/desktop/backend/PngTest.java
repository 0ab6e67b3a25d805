package dev.llmos.actions.desktop.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** the png encoder, read back by the jdk's own png decoder. */
class PngTest {
    private static int[] decode(byte[] png, int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xffffff;
        }
        return rgb;
    }

    @Test
    void randomPixelsSurviveEveryLevel() throws Exception {
        Random random = new Random(7);
        int[] rgb = new int[257 * 33];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(1 << 24);
        }
        Frame frame = new Frame(257, 33, rgb);
        for (int level = 0; level <= 9; level += 3) {
            assertArrayEquals(rgb, decode(Png.encode(frame, level), 257, 33), "level " + level);
        }
    }

    @Test
    void smoothContentCompressesAndSurvives() throws Exception {
        int width = 640;
        int height = 480;
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rgb[y * width + x] = (x & 0xff) << 16 | (y & 0xff) << 8 | (x + y) / 8 & 0xff;
            }
        }
        byte[] png = Png.encode(new Frame(width, height, rgb));
        assertArrayEquals(rgb, decode(png, width, height));
        assertTrue(png.length < width * height / 4, "a gradient took " + png.length + " bytes");
    }

    @Test
    void oneByOne() throws Exception {
        assertArrayEquals(new int[] {0xabcdef}, decode(Png.encode(new Frame(1, 1, new int[] {0xabcdef})), 1, 1));
    }
}
