package dev.llmos.actions.systemd;

import java.util.List;

/**
 * {@code service.disable}: stops a unit from starting at boot (removes the symlinks of its
 * {@code [Install]} section); does not stop it now. undo enables it again.
 */
public final class ServiceDisableAction extends UnitChangeAction {
    @Override
    public String name() {
        return "service.disable";
    }

    @Override
    public String description() {
        return "disable a systemd service so it no longer starts at boot (does not stop it now)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "disable nginx at boot",
                "stop bluetooth from starting on boot",
                "systemctl disable cups",
                "don't autostart docker anymore",
                "turn off autostart for mysql",
                "disable the avahi service",
                "keep apache2 from launching at startup");
    }

    @Override
    String verb() {
        return "disable";
    }

    @Override
    String doing() {
        return "disabling";
    }

    @Override
    String inverse() {
        return "service.enable";
    }

    @Override
    boolean watchesUnitFile() {
        return true;
    }

    @Override
    String note(UnitStatus before, UnitStatus after, Command.Result result) {
        return Install.note(before, after, result);
    }
}
