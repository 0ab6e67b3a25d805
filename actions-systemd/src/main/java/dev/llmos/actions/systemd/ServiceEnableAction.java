package dev.llmos.actions.systemd;

import java.util.List;

/**
 * {@code service.enable}: makes a unit start at boot (the symlinks of its {@code [Install]}
 * section); does not start it now. undo disables it again.
 */
public final class ServiceEnableAction extends UnitChangeAction {
    @Override
    public String name() {
        return "service.enable";
    }

    @Override
    public String description() {
        return "enable a systemd service so it starts automatically at boot (does not start it now)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "enable nginx at boot",
                "make ssh start automatically on boot",
                "systemctl enable docker",
                "turn on autostart for postgresql",
                "start redis on every boot",
                "enable the cron service",
                "have apache2 come up after a reboot");
    }

    @Override
    String verb() {
        return "enable";
    }

    @Override
    String doing() {
        return "enabling";
    }

    @Override
    String inverse() {
        return "service.disable";
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
