package dev.llmos.actions.desktop;

import static dev.llmos.action.testkit.Harness.params;
import static dev.llmos.action.testkit.Harness.run;

import dev.llmos.actions.desktop.backend.DesktopBackend;
import dev.llmos.actions.desktop.backend.Frame;
import dev.llmos.actions.desktop.backend.Png;
import dev.llmos.actions.desktop.backend.SessionDetector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * the desktop benchmark: per-call latency on the 1024x768 test screen (p50 and p90 over 50 calls
 * after a warm-up), and where a screenshot's time goes. a main, not a test: run it with the test
 * class path, {@code java -cp ... dev.llmos.actions.desktop.DesktopBench}.
 */
final class DesktopBench {
    private static final int CALLS = 50;

    private DesktopBench() {
    }

    interface Call {
        void run() throws Exception;
    }

    /** prints p50 and p90 in milliseconds of {@code calls} runs after 5 unmeasured ones. */
    private static void measure(String label, int calls, Call call) throws Exception {
        for (int i = 0; i < 5; i++) {
            call.run();
        }
        double[] millis = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        double p50 = millis[calls / 2];
        double p90 = millis[calls * 9 / 10];
        System.out.printf(Locale.ROOT, "latency %-44s p50 %7.1f ms   p90 %7.1f ms   (%d calls) at %tT%n", label, p50,
                p90, calls, new java.util.Date());
    }

    public static void main(String[] args) throws Exception {
        Desktop desktop = Desktop.shared();
        Map<String, String> session = desktop.session();
        desktop.focusTerminal();
        measure("input.key shift", CALLS, () -> run(session, "input.key", params("keys", "shift")));
        measure("display.screenshot 1024x768 (base64 png)", CALLS,
                () -> run(session, "display.screenshot", params()));
        measure("input.cursor", CALLS, () -> run(session, "input.cursor", params()));
        measure("input.click at a position", 20, () -> run(session, "input.click",
                params("x", Desktop.OBSERVER_X + 5, "y", Desktop.OBSERVER_Y + 5 + (int) (System.nanoTime() % 50))));
        measure("display.windows (2 windows)", 20, () -> run(session, "display.windows", params()));

        // where a screenshot's time goes, and the alternatives measured before choosing
        DesktopBackend backend = new SessionDetector().open(session);
        measure("  xwd -root + decode", 20, backend::captureScreen);
        Frame frame = backend.captureScreen();
        measure("  png encode, deflate level 1 (used)", 20, () -> Png.encode(frame, 1));
        measure("  png encode, deflate level 6", 20, () -> Png.encode(frame, 6));
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, frame.width(), frame.height(), frame.rgb(), 0, frame.width());
        measure("  png encode, javax.imageio", 20, () -> ImageIO.write(image, "png", new ByteArrayOutputStream()));
        System.out.printf(Locale.ROOT, "png size of the test screen: level 1 %d bytes, level 6 %d bytes%n",
                Png.encode(frame, 1).length, Png.encode(frame, 6).length);
        // the x server and its clients are stopped by shutdown hooks
        System.exit(0);
    }
}
