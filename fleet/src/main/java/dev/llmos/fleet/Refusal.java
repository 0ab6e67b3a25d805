package dev.llmos.fleet;

/**
 * a plan step a playbook cannot do faithfully, and why.
 *
 * @param step the step's number, from 1
 * @param action its action
 * @param reason why no ansible module does what it does
 */
public record Refusal(int step, String action, String reason) {
    /** {@code step 3 (fs.move): reason}. */
    @Override
    public String toString() {
        return "step " + step + " (" + action + "): " + reason;
    }
}
