package dev.llmos.actions.systemd;

/** what enabling or disabling tells about a unit's {@code [Install]} section. */
final class Install {
    private Install() {
    }

    /** why an enable or disable changed nothing, or null when it changed something. */
    static String note(UnitStatus before, UnitStatus after, Command.Result result) {
        if (before.enabled() != null && before.enabled().equals(after.enabled())) {
            if (result.err().contains("no installation config")) {
                return after.unit() + " has no [Install] section: it is not meant to be enabled, but is started by "
                        + "other units or by activation (socket, timer, d-bus); its unit-file state stays "
                        + after.enabled();
            }
            return "its unit-file state was already " + after.enabled() + "; nothing was changed";
        }
        return null;
    }
}
