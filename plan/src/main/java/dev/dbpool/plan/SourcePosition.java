package dev.dbpool.plan;

/**
 * Where something was declared in a services file (1-based), with the text of that line, so that a
 * problem found later (at evaluation) is still reported as {@code FILE:LINE:COLUMN: ...}.
 */
public record SourcePosition(String file, int line, int column, String sourceLine) {

    /** A {@link PlanException} at this position. */
    public PlanException error(String problem) {
        return PlanException.at(file, line, column, problem, sourceLine);
    }

    /** {@code FILE:LINE:COLUMN}, the form compilers print, for notes that point into a file. */
    public String describe() {
        return file + ":" + line + ":" + column;
    }
}
