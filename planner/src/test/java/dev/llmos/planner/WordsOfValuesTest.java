package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** chmod modes and signals as people write them ({@link ModeWords}, {@link SignalWords}). */
class WordsOfValuesTest {
    private static Words words(String text) {
        return new Words(RequestText.tokens(RequestText.normalize(text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "chmod 755 ~/bin/deploy.sh|755",
        "set permissions of /srv/x to 0640|0640",
        "chmod go-rwx ~/secret|go-rwx",
        "chmod u=rwx, go=r myscript.sh|u=rwx,go=r",
        "make run.sh executable|+x",
        "Add execute for all (myscript.sh)|a+x",
        "Give the user who owns a file the right to execute it|u+x",
        "Give the user rights to read and write to a file/directory|u+rw",
        "Remove executable rights from the group|g-x",
        "Give all users rights to read and execute|a+rx",
        "Give others (not in the file owner's group) the same rights as the group|o=g",
        "Remove all rights from others|o-rwx",
        "Change permissions recursively giving group and others the ability to write|go+w",
        "Set user to read/write/execute, group/global to read only (myscript.sh), symbolic mode|u=rwx,go=r",
        "Remove write from user/group/global (myscript.sh)|a-w",
        "Set user/group/global to read/write (myscript.sh)|a=rw",
        "add user write permission|u+w"})
    void modes(String text, String mode) {
        assertEquals(mode, ModeWords.find(words(text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "send SIGHUP to process 4242|hup",
        "kill -HUP 4242|hup",
        "kill -s HUP 4242|hup",
        "kill -9 4242|kill",
        "send signal 1 to pid 4242|hup",
        "reload 4242 with a hangup signal|hup",
        "kill 4242 gently|term",
        "force kill 4242|kill",
        "kill a process forcefully|kill",
        "pause process 4242|stop",
        "resume process 4242|cont",
        "continue the stopped process 4242|cont",
        "interrupt process 4242|int",
        "send USR1 to 4242|usr1",
        "Signal the operating system to pause a program until a SIGCONT signal is received|stop",
        "kill 4242|",
        "stop process 4242|",
        "terminate pid 4242|"})
    void signals(String text, String signal) {
        assertEquals(signal, SignalWords.find(words(text)));
    }
}
