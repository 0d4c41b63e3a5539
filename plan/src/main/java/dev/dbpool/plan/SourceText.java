package dev.dbpool.plan;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An input file's name and text (services.yaml, a Kubernetes manifest, pgbouncer.ini), turning
 * 0-based marks into 1-based positions with the line quoted. Every reader reports through it.
 */
final class SourceText {

    /** An input is a page or a few of text; anything this large is the wrong file. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private final String name;
    private final String[] lines;
    private final String text;

    SourceText(String name, String text) {
        this.name = name;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.lines = this.text.split("\r\n|\r|\n", -1);
    }

    /**
     * Reads {@code file} as UTF-8, at most {@link #MAX_FILE_BYTES}; every failure, including a missing
     * file, is a {@link PlanException}. Only regular files are read: a device ({@code /dev/zero}), a FIFO
     * or a terminal would never end or never start, so each is refused at once, without being opened.
     *
     * @param what what the file should be, for the messages ({@code a services file})
     */
    static SourceText read(Path file, String what) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw PlanException.inFile(name, "is a directory, not " + what);
        }
        if (!Files.exists(file)) {
            throw PlanException.inFile(name, Files.isSymbolicLink(file) ? "is a broken or looping symbolic link" : "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw PlanException.inFile(name, "is not a regular file (a device, a pipe or a socket); " + what
                    + " is read from a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // A file can grow after its size was looked at, and /proc reports 0: the limit is on what is read.
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (AccessDeniedException e) {
            throw PlanException.inFile(name, "permission denied");
        } catch (IOException e) {
            throw PlanException.inFile(name, "cannot be read: " + IoProblem.describe(e));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw PlanException.inFile(name, "is larger than " + MAX_FILE_BYTES + " bytes; " + what
                    + " is text of at most that size");
        }
        return new SourceText(name, decodeUtf8(name, bytes));
    }

    /** A binary file is refused with the position of its first undecodable byte. */
    private static String decodeUtf8(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw PlanException.at(name, line, offset - lineStart + 1, String.format(
                    "not a YAML text file: byte 0x%02X is not UTF-8", bytes[offset] & 0xff), null);
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    String name() {
        return name;
    }

    String text() {
        return text;
    }

    /** The lines of the text, without their line ends. */
    String[] lines() {
        return lines.clone();
    }

    PlanException error(Node node, String problem) {
        return error(node.getStartMark(), problem);
    }

    PlanException error(Mark mark, String problem) {
        return position(mark.getLine(), mark.getColumn()).error(problem);
    }

    PlanException error(String problem) {
        return PlanException.inFile(name, problem);
    }

    SourcePosition position(Node node) {
        return position(node.getStartMark().getLine(), node.getStartMark().getColumn());
    }

    /** The position of the {@code codePointIndex}-th code point (what SnakeYAML's reader reports). */
    SourcePosition positionOfCodePoint(int codePointIndex) {
        int line = 0;
        int column = 0;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePointIndex; seen++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        return position(line, column);
    }

    /** A 0-based line and column as a 1-based position. */
    SourcePosition position(int zeroBasedLine, int zeroBasedColumn) {
        String quoted = zeroBasedLine < lines.length ? printable(lines[zeroBasedLine]) : null;
        return new SourcePosition(name, zeroBasedLine + 1, zeroBasedColumn + 1, quoted);
    }

    /** Control characters would garble a terminal: show each as one '?', so the caret still lines up. */
    static String printable(String line) {
        StringBuilder out = new StringBuilder();
        line.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) && cp != '\t') {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
