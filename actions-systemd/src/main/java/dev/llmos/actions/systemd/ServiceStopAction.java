package dev.llmos.actions.systemd;

import java.util.List;

/** {@code service.stop}: stops a unit and waits until it is down; undo starts it again. */
public final class ServiceStopAction extends UnitChangeAction {
    @Override
    public String name() {
        return "service.stop";
    }

    @Override
    public String description() {
        return "stop a running systemd service (or other unit) and report its state afterwards";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "stop nginx",
                "shut down the mysql service",
                "systemctl stop apache2",
                "stop the docker daemon",
                "stop the ssh server",
                "halt the cups print service",
                "turn off the bluetooth service",
                "stop redis for now");
    }

    @Override
    String verb() {
        return "stop";
    }

    @Override
    String doing() {
        return "stopping";
    }

    @Override
    String inverse() {
        return "service.start";
    }

    @Override
    boolean watchesUnitFile() {
        return false;
    }

    @Override
    String note(UnitStatus before, UnitStatus after, Command.Result result) {
        if (!"active".equals(before.activeState()) && before.activeState() != null
                && before.activeState().equals(after.activeState())) {
            return "it was not running; nothing was changed";
        }
        return null;
    }
}
