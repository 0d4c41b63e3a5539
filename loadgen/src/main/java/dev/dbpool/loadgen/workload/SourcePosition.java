package dev.dbpool.loadgen.workload;

/** Where something is in a script, for {@code FILE:LINE:COL: message}; line and column from 1. */
record SourcePosition(String file, int line, int column) {

    SourcePosition plusColumns(int columns) {
        return new SourcePosition(file, line, column + columns);
    }

    ScriptProblem problem(String message) {
        return new ScriptProblem(ScriptProblem.WORKLOAD, this + ": " + message);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
