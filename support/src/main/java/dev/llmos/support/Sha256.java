package dev.llmos.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha-256 in lowercase hex, and a digest to feed piece by piece, without the checked exception. */
public final class Sha256 {
    /** never updated: each digest is a clone of it, which skips the provider lookup of {@code getInstance}. */
    private static final MessageDigest PROTOTYPE = lookUp();

    private Sha256() {
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the jdk always has sha-256", e);
        }
    }

    /** a fresh sha-256 digest (every jdk has one). */
    public static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp();
        }
    }

    /** the digest of {@code bytes} in lowercase hex (64 characters). */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** the digest of {@code text}'s utf-8 bytes in lowercase hex. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** finishes {@code digest} and gives it in lowercase hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
