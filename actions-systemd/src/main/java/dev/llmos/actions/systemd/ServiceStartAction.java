package dev.llmos.actions.systemd;

import java.util.List;

/** {@code service.start}: starts a unit and waits until systemd says it is up; undo stops it. */
public final class ServiceStartAction extends UnitChangeAction {
    @Override
    public String name() {
        return "service.start";
    }

    @Override
    public String description() {
        return "start a systemd service (or other unit) now and report its state afterwards";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "start nginx",
                "start the ssh service",
                "bring up postgresql",
                "systemctl start docker",
                "launch the cron daemon",
                "please start apache2",
                "turn on the bluetooth service",
                "start cups so I can print",
                "start a unit");
    }

    @Override
    String verb() {
        return "start";
    }

    @Override
    String doing() {
        return "starting";
    }

    @Override
    String inverse() {
        return "service.stop";
    }

    @Override
    boolean watchesUnitFile() {
        return false;
    }

    @Override
    String note(UnitStatus before, UnitStatus after, Command.Result result) {
        if ("inactive".equals(after.activeState())) {
            return "the unit started and its process already finished, so it is inactive again (result: "
                    + after.result() + ")";
        }
        if ("active".equals(before.activeState())) {
            return "it was already running; nothing was changed";
        }
        return null;
    }
}
