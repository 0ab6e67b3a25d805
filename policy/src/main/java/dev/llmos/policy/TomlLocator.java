package dev.llmos.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * finds the line of a rule, an example or a key in policy toml text. the toml parser reports
 * lines for syntax errors only, so errors found later (an unknown key, a bad value) are placed by
 * scanning the text for {@code [[rule]]} headers and {@code key =} lines. it is best effort: for
 * rules written as inline tables it falls back to the nearest header or line 1.
 */
final class TomlLocator {
    private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]+?)\\s*\\]\\]?");
    private static final Pattern KEY = Pattern.compile("^\\s*(?:\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+))\\s*[.=]");

    /** a table (a rule or an example) and the lines of its keys. */
    private record Block(int line, Map<String, Integer> keys, Map<String, List<Block>> examples) {
        Block(int line) {
            this(line, new HashMap<>(), new HashMap<>());
        }
    }

    private final Block top = new Block(1);
    private final List<Block> rules = new ArrayList<>();

    TomlLocator(String text) {
        Block current = top;
        Block rule = null;
        boolean multiline = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            boolean inString = multiline;
            multiline ^= (count(line, "\"\"\"") + count(line, "'''")) % 2 == 1;
            if (inString) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.find()) {
                String name = header.group(1).replace(" ", "");
                if (name.equals("rule")) {
                    rule = new Block(number);
                    rules.add(rule);
                    current = rule;
                } else if (rule != null && name.startsWith("rule.")) {
                    String key = name.substring("rule.".length());
                    rule.keys().putIfAbsent(key, number);
                    current = new Block(number);
                    rule.examples().computeIfAbsent(key, k -> new ArrayList<>()).add(current);
                } else {
                    top.keys().putIfAbsent(name, number);
                    current = new Block(number);
                }
                continue;
            }
            Matcher key = KEY.matcher(line);
            if (key.find()) {
                String name = key.group(1) != null ? key.group(1) : key.group(2) != null ? key.group(2) : key.group(3);
                current.keys().putIfAbsent(name, number);
            }
        }
    }

    private static int count(String line, String token) {
        int count = 0;
        for (int at = line.indexOf(token); at >= 0; at = line.indexOf(token, at + token.length())) {
            count++;
        }
        return count;
    }

    /** the line of top-level key {@code key}, or 1. */
    int topKey(String key) {
        return top.keys().getOrDefault(key, 1);
    }

    /** the header line of rule {@code index} (0-based). */
    int rule(int index) {
        return index < rules.size() ? rules.get(index).line() : topKey("rule");
    }

    /** the line of {@code key} in rule {@code index}, or the rule's line. */
    int ruleKey(int index, String key) {
        return index < rules.size() ? rules.get(index).keys().getOrDefault(key, rule(index)) : rule(index);
    }

    /** the line of example {@code example} of kind {@code kind} ({@code match} or {@code not_match}). */
    int example(int index, String kind, int example) {
        Block block = exampleBlock(index, kind, example);
        return block != null ? block.line() : ruleKey(index, kind);
    }

    /** the line of {@code key} in an example, or the example's line. */
    int exampleKey(int index, String kind, int example, String key) {
        Block block = exampleBlock(index, kind, example);
        return block != null ? block.keys().getOrDefault(key, block.line()) : ruleKey(index, kind);
    }

    private Block exampleBlock(int index, String kind, int example) {
        if (index >= rules.size()) {
            return null;
        }
        List<Block> blocks = rules.get(index).examples().get(kind);
        return blocks != null && example < blocks.size() ? blocks.get(example) : null;
    }
}
