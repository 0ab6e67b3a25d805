package dev.llmos.modeld;

/** a small plan-like schema: an action enum, bounded strings, a nested strict object. */
final class PlanSchema {
    static final String JSON = """
            {"type": "object",
             "properties": {
               "action": {"type": "string", "enum": ["disk.usage", "file.list", "service.restart", "package.install"]},
               "params": {"type": "object",
                          "properties": {
                            "path": {"type": "string", "maxLength": 24},
                            "unit": {"type": "string", "enum": ["kib", "mib", "gib"]}},
                          "required": ["path", "unit"],
                          "additionalProperties": false},
               "reason": {"type": "string", "minLength": 1, "maxLength": 40}},
             "required": ["action", "params", "reason"],
             "additionalProperties": false}
            """;
    static final String SYSTEM = "you turn requests into a json plan with one action from the schema.";
    static final String USER = "how much disk space is left on /var";
    /** enough for the longest answer the schema allows, even with every character escaped. */
    static final int MAX_TOKENS = 512;

    private PlanSchema() {
    }
}
