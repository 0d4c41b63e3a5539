package dev.dbpool.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that a test starts on another JDK (see {@link Jdk21}) with the test's own classpath, its
 * output in a file; {@link #close()} ends it on every exit path of the test.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code mainClass} on the JDK that runs this test; see {@link #start(Jdk21.Jdk, List, String, List)}. */
    public static ChildJvm start(List<String> jvmOptions, String mainClass, List<String> args) throws IOException {
        return start(new Jdk21.Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature()),
                jvmOptions, mainClass, args);
    }

    /** Starts {@code mainClass} with {@code jvmOptions} and {@code args} on {@code jdk}, with this JVM's classpath. */
    public static ChildJvm start(Jdk21.Jdk jdk, List<String> jvmOptions, String mainClass, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Path output = Files.createTempFile("dbpool-child-jvm-", ".log");
        output.toFile().deleteOnExit();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new ChildJvm(process, output);
    }

    /** The child's process, to signal it. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Everything the child printed so far. */
    public String output() throws IOException {
        return Files.readString(output);
    }

    /** Waits until the child printed {@code text}, at most {@code timeout}; false when it did not (or it exited). */
    public boolean awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Waits for the child to exit, at most {@code timeout}; its exit code, or -1 when it had to be ended. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        close();
        return -1;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            // a temp file; deleteOnExit has it too
        }
    }
}
