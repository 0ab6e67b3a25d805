package dev.llmos.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupportTest {
    enum Kind implements WireEnum {
        CHAR_DEVICE,
        FILE
    }

    @Test
    void sizesAreIecWithOneDecimal() {
        assertEquals("0 bytes", Sizes.iec(0));
        assertEquals("1 byte", Sizes.iec(1));
        assertEquals("1023 bytes", Sizes.iec(1023));
        assertEquals("1.0 KiB", Sizes.iec(1024));
        assertEquals("1.5 KiB", Sizes.iec(1536));
        assertEquals("1.0 MiB", Sizes.iec(1024 * 1024 - 1));
        assertEquals("2.0 GiB", Sizes.iec(2L << 30));
        assertEquals("-1.5 KiB", Sizes.iec(-1536));
        assertEquals("-512 bytes", Sizes.iec(-512));
        assertEquals("8.0 EiB", Sizes.iec(Long.MAX_VALUE));
    }

    @Test
    void sha256IsTheStandardDigestInHex() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc"));
        var digest = Sha256.digest();
        digest.update("a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update("bc".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Sha256.hex("abc"), Sha256.hex(digest));
    }

    @Test
    void wireNamesAreLowercaseAndParseBack() {
        assertEquals("char_device", Kind.CHAR_DEVICE.wireName());
        assertEquals(Optional.of(Kind.FILE), WireEnum.parse(Kind.class, "file"));
        assertEquals(Optional.empty(), WireEnum.parse(Kind.class, "FILE"));
    }
}
