package dev.dbpool.plan;

/**
 * A services file is invalid. The message is {@code FILE:LINE:COLUMN: what is wrong} (1-based, the
 * form compilers use, so editors and CI annotations can jump to it) or {@code FILE: what is wrong}
 * where no position exists (a missing file, an empty one).
 */
public final class PlanException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;
    private final String sourceLine;

    private PlanException(String file, int line, int column, String problem, String sourceLine) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.sourceLine = sourceLine;
    }

    /** A problem at a 1-based line and column; {@code sourceLine} (may be null) is quoted by {@link #excerpt()}. */
    public static PlanException at(String file, int line, int column, String problem, String sourceLine) {
        return new PlanException(file, line, column, problem, sourceLine);
    }

    /** A problem with the file as a whole. */
    public static PlanException inFile(String file, String problem) {
        return new PlanException(file, 0, 0, problem, null);
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the problem has no position. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when the problem has no position. */
    public int column() {
        return column;
    }

    public boolean hasPosition() {
        return line > 0;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }

    /**
     * The offending line with a caret under the column, as compilers print it, or {@code ""}:
     * <pre>
     *    7 |     replics: 3
     *      |     ^
     * </pre>
     */
    public String excerpt() {
        if (sourceLine == null || line <= 0) {
            return "";
        }
        String number = String.valueOf(line);
        String gutter = " ".repeat(number.length());
        String visible = sourceLine.replace('\t', ' ');
        return " " + number + " | " + visible + System.lineSeparator()
                + " " + gutter + " | " + " ".repeat(Math.max(0, column - 1)) + "^";
    }
}
