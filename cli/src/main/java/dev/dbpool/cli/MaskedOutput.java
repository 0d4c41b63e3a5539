package dev.dbpool.cli;

import dev.dbpool.runtime.DatabaseUrl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything the command prints passes {@link DatabaseUrl#mask(String)} a line at a time: its own
 * results and messages ({@link #writer}), and what libraries write to {@code System.out}/{@code System.err}
 * while it runs (SLF4J's simple logger, pgjdbc's and HikariCP's messages, java.util.logging, routed to
 * {@code System.err} as one line per record). A line is masked whole, so an address split over several
 * writes is still recognised; a partial line (a progress bar) is masked when it is flushed.
 */
final class MaskedOutput implements AutoCloseable {

    private final PrintStream originalOut;
    private final PrintStream originalErr;

    private MaskedOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new MaskingStream(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new MaskingStream(originalErr), true, StandardCharsets.UTF_8));
    }

    /** Masks {@code System.out} and {@code System.err} until {@link #close()}; java.util.logging goes to the latter. */
    static MaskedOutput install() {
        JavaLogging.routeToStandardError();
        return new MaskedOutput();
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** {@code target} with every line masked. */
    static PrintWriter writer(PrintWriter target) {
        return new PrintWriter(new MaskingWriter(target), true);
    }

    private static final class MaskingWriter extends Writer {
        private final Writer target;
        private final StringBuilder line = new StringBuilder();

        MaskingWriter(Writer target) {
            this.target = target;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (c == '\n' || c == '\r') {
                    target.write(DatabaseUrl.mask(line.toString()));
                    target.write(c);
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (!line.isEmpty()) {
                target.write(DatabaseUrl.mask(line.toString()));
                line.setLength(0);
            }
            target.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            target.close();
        }
    }

    private static final class MaskingStream extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        MaskingStream(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n' || b == '\r') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() {
            emit();
            target.flush();
        }

        private void emit() {
            if (line.size() > 0) {
                target.print(DatabaseUrl.mask(line.toString(StandardCharsets.UTF_8)));
                line.reset();
            }
        }
    }

    /**
     * java.util.logging's console handler keeps the {@code System.err} of the moment it was made; this one
     * writes each record, as one line, to the {@code System.err} of the moment it is logged.
     */
    private static final class JavaLogging extends Handler {
        private static final SimpleFormatter FORMAT = new SimpleFormatter();
        private static boolean routed;

        static synchronized void routeToStandardError() {
            if (routed) {
                return;
            }
            Logger root = LogManager.getLogManager().getLogger("");
            for (Handler handler : root.getHandlers()) {
                root.removeHandler(handler);
            }
            JavaLogging handler = new JavaLogging();
            handler.setLevel(Level.WARNING);
            root.addHandler(handler);
            routed = true;
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            System.err.println(record.getLevel() + " " + record.getLoggerName() + ": " + FORMAT.formatMessage(record));
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
