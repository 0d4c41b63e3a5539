package dev.dbpool.loadgen.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Restarts a local server with a pg_ctl-like command: {@code --pg-ctl "pg_ctlcluster 15 main"} runs
 * {@code pg_ctlcluster 15 main stop} and {@code ... start}; {@code --pg-ctl "pg_ctl -D /data"} runs
 * {@code pg_ctl -D /data stop} (fast shutdown, pg_ctl's default) and {@code pg_ctl -D /data start}.
 * The command is split on whitespace and run without a shell.
 */
public final class PgCtlRestarter implements DatabaseRestarter {

    private static final long TIMEOUT_SECONDS = 60;

    private final List<String> command;

    public PgCtlRestarter(String commandLine) {
        this.command = Arrays.stream(commandLine.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        if (command.isEmpty()) {
            throw new IllegalArgumentException("pgCtl must name a command");
        }
    }

    @Override
    public void stop() {
        run("stop");
    }

    @Override
    public void start() {
        run("start");
    }

    private void run(String action) {
        List<String> args = new ArrayList<>(command);
        args.add(action);
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            process.getOutputStream().close();
            boolean done = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readNBytes(8192), StandardCharsets.UTF_8).strip();
            if (!done) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + "s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", args) + " exited " + process.exitValue()
                        + (output.isEmpty() ? "" : ": " + output));
            }
        } catch (IOException e) {
            throw SoakDatabaseException.failed("restart fault could not " + action + " the server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SoakDatabaseException.failed("restart fault interrupted", e);
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
