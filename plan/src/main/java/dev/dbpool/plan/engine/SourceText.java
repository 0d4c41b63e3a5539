package dev.dbpool.plan.engine;

import dev.dbpool.plan.PlanException;
import dev.dbpool.plan.SourcePosition;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** A services file's name and text, turning SnakeYAML's 0-based marks into 1-based positions with the line quoted. */
final class SourceText {

    private final String name;
    private final String[] lines;
    private final String text;

    SourceText(String name, String text) {
        this.name = name;
        this.text = text;
        this.lines = text.split("\r\n|\r|\n", -1);
    }

    String name() {
        return name;
    }

    String text() {
        return text;
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

    private SourcePosition position(int zeroBasedLine, int zeroBasedColumn) {
        String quoted = zeroBasedLine < lines.length ? printable(lines[zeroBasedLine]) : null;
        return new SourcePosition(name, zeroBasedLine + 1, zeroBasedColumn + 1, quoted);
    }

    /** Control characters would garble a terminal: show each as one '?', so the caret still lines up. */
    private static String printable(String line) {
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
