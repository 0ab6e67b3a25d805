package dev.llmos.fleet;

/** a step cannot be exported; carries the reason up to the step loop, which records it with the step. */
final class Refused extends Exception {
    Refused(String reason) {
        super(reason, null, false, false);
    }
}
