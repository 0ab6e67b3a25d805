/**
 * the policy engine: a pure function from a request (caller, action, risk, params, resolved
 * paths) to allow, ask or deny, with every matched rule and why.
 *
 * <p>three layers, evaluated in order: built-in protections ({@code builtin.protected}: no write,
 * destructive or system action on protected paths, for anyone, root included; configuration
 * cannot lift them), configured rules from toml (every matching one counts), and built-in defaults
 * by risk (read allow, write ask, destructive ask, system deny), which count only when no
 * configured rule matches. the strictest decision wins.
 *
 * <p>how the daemon calls it: check each raw path param with {@link dev.llmos.policy.LexicalPaths},
 * resolve it as the caller would (realpath with the caller's credentials; for a path that does
 * not exist yet, the parent's realpath plus the last name), check the result again, then call
 * {@link dev.llmos.policy.Policy#evaluate(dev.llmos.policy.PolicyInput)} on
 * {@link dev.llmos.policy.PolicyStore#current()}. the executor must act on the resolved paths
 * that were decided, and re-check them at execution time.
 */
package dev.llmos.policy;
