package dev.llmos.gguf;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * a sentencepiece (llama) vocabulary: {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte
 * tokens {@code <0x00>} to {@code <0xFF>}, then one piece per printable ascii character, the space
 * spelled as sentencepiece's {@code U+2581}. any utf-8 text can be encoded: what no piece covers
 * falls back to byte tokens.
 *
 * @param tokens the pieces, indexed by token id
 * @param scores the piece scores (higher merges first)
 * @param types the llama.cpp token types
 */
public record SpmVocabulary(List<String> tokens, float[] scores, int[] types) {
    public static final int UNKNOWN_ID = 0;
    public static final int BOS_ID = 1;
    public static final int EOS_ID = 2;

    static final int TYPE_NORMAL = 1;
    static final int TYPE_UNKNOWN = 2;
    static final int TYPE_CONTROL = 3;
    static final int TYPE_BYTE = 6;

    private static final String SPACE_PIECE = "\u2581";

    public SpmVocabulary {
        tokens = List.copyOf(tokens);
        if (scores.length != tokens.size() || types.length != tokens.size()) {
            throw new IllegalArgumentException("tokens, scores and types differ in length");
        }
        scores = scores.clone();
        types = types.clone();
    }

    /** the byte tokens plus printable ascii, 354 tokens. */
    public static SpmVocabulary bytesAndAscii() {
        List<String> tokens = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        tokens.add("<unk>");
        types.add(TYPE_UNKNOWN);
        tokens.add("<s>");
        types.add(TYPE_CONTROL);
        tokens.add("</s>");
        types.add(TYPE_CONTROL);
        HexFormat hex = HexFormat.of().withUpperCase();
        for (int b = 0; b < 256; b++) {
            tokens.add("<0x" + hex.toHexDigits((byte) b) + ">");
            types.add(TYPE_BYTE);
        }
        tokens.add(SPACE_PIECE);
        types.add(TYPE_NORMAL);
        for (char c = '!'; c <= '~'; c++) {
            tokens.add(String.valueOf(c));
            types.add(TYPE_NORMAL);
        }
        float[] scores = new float[tokens.size()];
        int[] typeArray = new int[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            typeArray[i] = types.get(i);
            scores[i] = typeArray[i] == TYPE_NORMAL ? -i : 0f;
        }
        return new SpmVocabulary(tokens, scores, typeArray);
    }

    public int size() {
        return tokens.size();
    }
}
