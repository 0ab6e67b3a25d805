package dev.llmos.fleet;

import static dev.llmos.fleet.StepWriter.args;
import static dev.llmos.fleet.StepWriter.unsafe;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * which ansible module does what each action does, and how its params carry over. only actions
 * with a faithful module are here; everything else is refused with the reason, never approximated
 * (no {@code shell}, no {@code command} standing in for a missing module). where a module would do
 * more than the action (create missing parents, copy a directory into a directory, remove the
 * packages that depend on one), the step checks first, as llm-os does, or is refused.
 */
final class Mappings {
    /** writes one step's tasks from its params; a {@link Refused} says why it cannot. */
    @FunctionalInterface
    interface Mapping {
        void write(StepParams params, StepWriter step) throws Refused;
    }

    /** a symbolic chmod clause that names whom it changes: ansible applies its own umask where no one is named. */
    private static final Pattern WHO_CLAUSE = Pattern.compile("(a|[ugo]+)([-+=]([rwxXst]*|[ugo]))+");
    private static final Pattern OCTAL = Pattern.compile("[0-7]{3,4}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Map<String, Mapping> TABLE = table();
    private static final Map<String, String> REFUSED = refused();

    private Mappings() {
    }

    /** the mapping of {@code action}, or null. */
    static Mapping of(String action) {
        return TABLE.get(action);
    }

    /** why {@code action} has no mapping: its own reason, or the general one. */
    static String whyNot(String action, String risk) {
        String reason = REFUSED.get(action);
        if (reason != null) {
            return reason;
        }
        int dot = action.indexOf('.');
        String family = dot < 0 ? action : action.substring(0, dot);
        return switch (family) {
            case "display", "input", "clipboard" -> "it acts in a person's graphical session, which a playbook has not";
            default -> "read".equals(risk)
                    ? "it only reads: a playbook has nothing to do for it (to see it from every host, run the plan "
                            + "through each host's llm-osd: llmsh fleet apply --via llm-osd)"
                    : "no ansible module does what it does";
        };
    }

    private static Map<String, String> refused() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("fs.move", "no ansible module moves a file or directory (copy and file state=absent would not "
                + "be one atomic rename)");
        reasons.put("fs.restore", "it brings back an item from llm-os's quarantine, which only llm-os has");
        reasons.put("fs.purge_quarantine", "it empties llm-os's quarantine, which only llm-os has");
        reasons.put("proc.signal", "a pid names a process on one host only");
        reasons.put("pkg.remove", "ansible's apt removes the packages that depend on it too, where llm-os refuses");
        return reasons;
    }

    private static Map<String, Mapping> table() {
        Map<String, Mapping> table = new LinkedHashMap<>();
        table.put("fs.mkdir", Mappings::mkdir);
        table.put("fs.write", Mappings::write);
        table.put("fs.chmod", Mappings::chmod);
        table.put("fs.copy", Mappings::copy);
        table.put("fs.delete", Mappings::delete);
        table.put("proc.run", Mappings::run);
        table.put("service.start", (p, s) -> unit(p, s, "state", "started"));
        table.put("service.stop", (p, s) -> unit(p, s, "state", "stopped"));
        table.put("service.restart", (p, s) -> unit(p, s, "state", "restarted"));
        table.put("service.enable", (p, s) -> unit(p, s, "enabled", true));
        table.put("service.disable", (p, s) -> unit(p, s, "enabled", false));
        table.put("pkg.install", Mappings::install);
        table.put("pkg.update", Mappings::update);
        table.put("sys.set_hostname", Mappings::hostname);
        table.put("sys.timezone", Mappings::timezone);
        return table;
    }

    private static void mkdir(StepParams p, StepWriter step) throws Refused {
        String path = p.path("path");
        boolean parents = p.bool("parents", false);
        p.done();
        step.touches(path);
        if (!parents) {
            step.requireDirectory(Paths.parent(path), "fs.mkdir without parents=true does not create it");
        }
        step.main("ansible.builtin.file", args("path", unsafe(path), "state", "directory"));
        step.creates(path, parents);
    }

    private static void write(StepParams p, StepWriter step) throws Refused {
        String path = p.path("path");
        String content = p.string("content");
        String mode = p.optionalString("mode");
        p.done();
        boolean force = switch (mode == null ? "create" : mode) {
            // create refuses an existing file: ansible's copy with force=false leaves it alone
            case "create" -> false;
            case "overwrite" -> true;
            case "append" -> throw new Refused("mode=append has no faithful module: copy replaces the whole file, "
                    + "lineinfile and blockinfile edit by lines or add marker lines");
            default -> throw new Refused("mode=" + mode + " is not create, overwrite or append");
        };
        step.touches(path);
        step.requireDirectory(Paths.parent(path), "fs.write does not create directories (ansible's copy would)");
        step.main("ansible.builtin.copy", args("dest", unsafe(path), "content", unsafe(content), "force", force,
                "follow", true));
        step.creates(path, false);
    }

    private static void chmod(StepParams p, StepWriter step) throws Refused {
        String path = p.path("path");
        String mode = p.string("mode");
        if (p.bool("recursive", false)) {
            throw new Refused("recursive=true has no faithful module: ansible's recursive file mode needs "
                    + "state=directory, which creates a missing path, and changes modes through symlinks below");
        }
        p.done();
        String ansibleMode;
        if (OCTAL.matcher(mode).matches()) {
            ansibleMode = mode.length() == 3 ? "0" + mode : mode;
        } else {
            for (String clause : mode.split(",", -1)) {
                if (!WHO_CLAUSE.matcher(clause).matches()) {
                    throw new Refused("mode " + mode + ": each symbolic clause must name whom it changes (u, g, o or "
                            + "a): without one chmod applies llm-os's umask 022, ansible the module's own umask");
                }
            }
            ansibleMode = mode;
        }
        step.touches(path);
        // no state: the file module keeps what is there, and fails on a missing path as fs.chmod does
        step.main("ansible.builtin.file", args("path", unsafe(path), "mode", unsafe(ansibleMode), "follow", true));
    }

    private static void copy(StepParams p, StepWriter step) throws Refused {
        String source = p.path("source");
        String destination = p.path("destination");
        p.done();
        step.touches(source);
        step.touches(destination);
        String stat = step.register("source");
        step.check("is " + source + " a file", "ansible.builtin.stat", args("path", unsafe(source), "follow", true),
                Map.of("register", stat));
        step.check("fail unless " + source + " is a file", "ansible.builtin.assert",
                args("that", List.of(stat + ".stat.isreg is defined and " + stat + ".stat.isreg"),
                        "fail_msg", unsafe("step " + step.number() + ": " + source + " is not a regular file: "
                                + "copying a directory has no faithful module (ansible's copy puts a directory "
                                + "inside the destination); run it through llm-osd instead"),
                        "quiet", true),
                Map.of());
        step.requireDirectory(Paths.parent(destination), "fs.copy does not create directories (ansible's copy would)");
        // force=false: fs.copy never replaces anything; mode=preserve keeps the permission bits as fs.copy does
        step.main("ansible.builtin.copy", args("src", unsafe(source), "dest", unsafe(destination), "remote_src", true,
                "force", false, "mode", "preserve"));
        step.creates(destination, false);
    }

    private static void delete(StepParams p, StepWriter step) throws Refused {
        String path = p.path("path");
        boolean recursive = p.bool("recursive", false);
        p.done();
        if (path.equals("/")) {
            throw new Refused("it would delete /");
        }
        step.touches(path);
        if (!recursive) {
            String stat = step.register("entry");
            String found = step.register("inside");
            step.check("what is " + path, "ansible.builtin.stat", args("path", unsafe(path), "follow", false),
                    Map.of("register", stat));
            step.check("what is inside " + path, "ansible.builtin.find",
                    args("paths", unsafe(path), "file_type", "any", "hidden", true),
                    Map.of("register", found, "when", List.of(stat + ".stat.isdir is defined and " + stat + ".stat.isdir")));
            step.check("fail if " + path + " is a directory that is not empty", "ansible.builtin.assert",
                    args("that", List.of(found + ".matched == 0"),
                            "fail_msg", unsafe("step " + step.number() + ": " + path + " is a directory that is not "
                                    + "empty: fs.delete without recursive=true keeps it"),
                            "quiet", true),
                    Map.of("when", List.of(stat + ".stat.isdir is defined and " + stat + ".stat.isdir")));
        }
        // llm-os moves it to the quarantine, where undo finds it; ansible removes it for good
        step.main("ansible.builtin.file", args("path", unsafe(path), "state", "absent"));
    }

    private static void run(StepParams p, StepWriter step) throws Refused {
        List<String> argv = p.strings("argv");
        if (argv == null || argv.isEmpty()) {
            throw new Refused("param argv is missing or empty");
        }
        String cwd = p.optionalString("cwd");
        if (cwd != null && !Paths.plain(cwd)) {
            throw new Refused("param cwd is not a plain absolute path (" + cwd + ")");
        }
        Map<String, String> env = p.stringMap("env");
        String stdin = p.optionalString("stdin");
        Long timeout = p.optionalLong("timeout_s");
        p.absent("memory_max_mb", "limits memory, which ansible's command module cannot");
        p.absent("tasks_max", "limits processes, which ansible's command module cannot");
        p.ignore("max_output_bytes");
        p.done();
        Map<String, Object> args = new LinkedHashMap<>();
        List<Object> words = new ArrayList<>();
        argv.forEach(word -> words.add(unsafe(word)));
        args.put("argv", words);
        if (cwd != null) {
            step.touches(cwd);
            args.put("chdir", unsafe(cwd));
        }
        if (stdin != null) {
            args.put("stdin", unsafe(stdin));
            args.put("stdin_add_newline", false);
        }
        Map<String, Object> keywords = new LinkedHashMap<>();
        if (env != null && !env.isEmpty()) {
            Map<String, Object> environment = new LinkedHashMap<>();
            for (Map.Entry<String, String> variable : env.entrySet()) {
                if (!ENV_NAME.matcher(variable.getKey()).matches()) {
                    throw new Refused("env name " + variable.getKey() + " is not a plain variable name");
                }
                environment.put(variable.getKey(), unsafe(variable.getValue()));
            }
            keywords.put("environment", environment);
        }
        keywords.put("timeout", (int) Math.min(Integer.MAX_VALUE, timeout == null ? 30 : timeout));
        step.main("ansible.builtin.command", args, keywords);
    }

    private static void unit(StepParams p, StepWriter step, String key, Object value) throws Refused {
        String unit = p.string("unit");
        boolean user = p.bool("user", false);
        p.absent("expect_state", "guards against a unit changed since it was planned, which ansible cannot express");
        p.done();
        Map<String, Object> args = args("name", unsafe(unit), key, value);
        if (user) {
            args.put("scope", "user");
        }
        step.main("ansible.builtin.systemd_service", args);
    }

    private static void install(StepParams p, StepWriter step) throws Refused {
        String name = p.string("name");
        String version = p.optionalString("version");
        p.done();
        // fail_on_autoremove is apt's --no-remove, as pkg.install runs it: installing never removes a package
        step.main("ansible.builtin.apt", args("name", unsafe(version == null ? name : name + "=" + version),
                "state", "present", "fail_on_autoremove", true));
    }

    private static void update(StepParams p, StepWriter step) throws Refused {
        p.done();
        step.main("ansible.builtin.apt", args("update_cache", true));
    }

    private static void hostname(StepParams p, StepWriter step) throws Refused {
        String name = p.string("hostname");
        if (!p.bool("persistent", true)) {
            throw new Refused("persistent=false sets only the transient hostname, which ansible's hostname module "
                    + "cannot");
        }
        p.absent("expect_current", "guards against a hostname changed since it was planned, which ansible cannot "
                + "express");
        p.done();
        // use=systemd: hostnamectl, as sys.set_hostname does
        step.main("ansible.builtin.hostname", args("name", unsafe(name), "use", "systemd"));
    }

    private static void timezone(StepParams p, StepWriter step) throws Refused {
        String zone = p.string("timezone");
        p.absent("expect_current", "guards against a time zone changed since it was planned, which ansible cannot "
                + "express");
        p.done();
        step.main("community.general.timezone", args("name", unsafe(canonicalZone(zone))));
    }

    /** the zone's name as the tz database spells it (sys.timezone takes any case; the timezone module does not). */
    private static String canonicalZone(String zone) throws Refused {
        for (String known : ZoneId.getAvailableZoneIds()) {
            if (known.equalsIgnoreCase(zone)) {
                return known;
            }
        }
        if (zone.toUpperCase(Locale.ROOT).equals("UTC")) {
            return "UTC";
        }
        throw new Refused("time zone " + zone + " is not in the tz database");
    }
}
