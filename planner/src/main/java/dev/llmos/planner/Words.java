package dev.llmos.planner;

import java.util.List;
import java.util.Set;

/**
 * the tokens of one request while its slots are filled: each token is taken by at most one slot.
 * local to one extraction.
 */
final class Words {
    private final List<Token> tokens;
    private final boolean[] taken;

    Words(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
        this.taken = new boolean[tokens.size()];
    }

    int size() {
        return tokens.size();
    }

    Token token(int index) {
        return tokens.get(index);
    }

    /** the lowercase word at {@code index}, or empty outside the request. */
    String word(int index) {
        return index >= 0 && index < tokens.size() ? tokens.get(index).word() : "";
    }

    /** the tokens from {@code from} (inclusive) to {@code to} (exclusive). */
    List<Token> tokens(int from, int to) {
        return tokens.subList(from, to);
    }

    boolean taken(int index) {
        return taken[index];
    }

    /** true when the token is a plain word no slot has taken; false outside the request. */
    boolean free(int index) {
        return index >= 0 && index < tokens.size() && !taken[index] && !tokens.get(index).value();
    }

    void take(int index, int count) {
        for (int i = index; i < index + count; i++) {
            taken[i] = true;
        }
    }

    /** gives back the token at {@code index} for another slot. */
    void release(int index) {
        taken[index] = false;
    }

    /** true when {@code phrase} starts at {@code index} on free words. */
    boolean matches(List<String> phrase, int index) {
        if (index + phrase.size() > tokens.size()) {
            return false;
        }
        for (int i = 0; i < phrase.size(); i++) {
            if (!free(index + i) || !word(index + i).equals(phrase.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** true when one of {@code words} is among the {@code span} words before {@code index}. */
    boolean precededBy(Set<String> words, int index, int span) {
        for (int i = Math.max(0, index - span); i < index; i++) {
            if (!tokens.get(i).value() && words.contains(word(i))) {
                return true;
            }
        }
        return false;
    }
}
