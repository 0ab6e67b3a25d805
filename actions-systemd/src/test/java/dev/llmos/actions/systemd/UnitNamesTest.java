package dev.llmos.actions.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import org.junit.jupiter.api.Test;

class UnitNamesTest {
    private static String concrete(String name) throws ActionException {
        return UnitNames.normalize(name, UnitNames.Template.REFUSE);
    }

    private static String refused(String name, UnitNames.Template template) {
        return assertThrows(ActionException.class, () -> UnitNames.normalize(name, template), name).getMessage();
    }

    @Test
    void aBareNameIsAService() throws Exception {
        assertEquals("nginx.service", concrete("nginx"));
        assertEquals("php8.2-fpm.service", concrete("php8.2-fpm"), "a dot without a unit type is part of the name");
        assertEquals("ssh.service", concrete("ssh.service"));
        assertEquals("apt-daily.timer", concrete("apt-daily.timer"));
        assertEquals("sys-kernel-debug.mount", concrete("sys-kernel-debug.mount"));
    }

    @Test
    void instancesAndEscapesFollowSystemdsGrammar() throws Exception {
        assertEquals("getty@tty1.service", concrete("getty@tty1"));
        assertEquals("systemd-fsck@dev-disk-by\\x2duuid-1234.service", concrete("systemd-fsck@dev-disk-by\\x2duuid-1234"));
        assertEquals("user@1000.service", concrete("user@1000.service"));
        assertEquals("a@b@c.service", concrete("a@b@c"), "an instance may contain @");
        assertEquals("getty@.service", UnitNames.normalize("getty@.service", UnitNames.Template.ALLOW));
        assertTrue(refused("getty@.service", UnitNames.Template.REFUSE).contains("needs an instance"));
    }

    @Test
    void hostileOrMalformedNamesAreRefused() throws Exception {
        assertTrue(refused("-H", UnitNames.Template.ALLOW).contains("must not start with '-'"));
        assertTrue(refused("--root=/tmp", UnitNames.Template.ALLOW).contains("must not start with '-'"));
        assertTrue(refused("", UnitNames.Template.ALLOW).contains("empty"));
        assertTrue(refused("nginx service", UnitNames.Template.ALLOW).contains("only letters"));
        assertTrue(refused("../../etc/passwd", UnitNames.Template.ALLOW).contains("only letters"));
        assertTrue(refused("a;reboot", UnitNames.Template.ALLOW).contains("only letters"));
        assertTrue(refused("ngi*x", UnitNames.Template.ALLOW).contains("only letters"));
        assertTrue(refused("@.service", UnitNames.Template.ALLOW).contains("nothing before"));
        assertTrue(refused("@x.service", UnitNames.Template.ALLOW).contains("nothing before"));
        assertTrue(refused("a@b c.service", UnitNames.Template.ALLOW).contains("instance"));
        assertTrue(refused("x".repeat(250), UnitNames.Template.ALLOW).contains("longer than 256"));
        assertEquals(256, concrete("x".repeat(248)).length());
    }

    @Test
    void theSchemaPatternAgreesOnTheCharacters() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(UnitNames.PATTERN);
        assertTrue(pattern.matcher("getty@tty1.service").matches());
        assertTrue(pattern.matcher("systemd-fsck@dev-disk-by\\x2duuid.service").matches());
        assertTrue(!pattern.matcher("-x").matches());
        assertTrue(!pattern.matcher("a b").matches());
        assertTrue(!pattern.matcher("a/b").matches());
    }
}
