package dev.dbpool.cli.common;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table for a terminal: columns padded to their widest cell, numbers right-aligned, two spaces
 * between columns, no trailing blanks. The same rows render as a GitHub Markdown table.
 */
public final class TextTable {

    /** How a column lines up. */
    public enum Align { LEFT, RIGHT }

    private final List<String> headers = new ArrayList<>();
    private final List<Align> aligns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** Adds a column. */
    public TextTable column(String header, Align align) {
        headers.add(header);
        aligns.add(align);
        return this;
    }

    /** Adds a row with one cell per column ({@code null} prints as empty). */
    public TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(cell == null ? "" : cell);
        }
        rows.add(row);
        return this;
    }

    /** Aligned plain text, header first. */
    public void printText(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        printTextLine(out, headers, widths);
        for (List<String> row : rows) {
            printTextLine(out, row, widths);
        }
    }

    private void printTextLine(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - cell.length());
            if (c > 0) {
                line.append("  ");
            }
            line.append(aligns.get(c) == Align.RIGHT ? padding + cell : cell + padding);
        }
        out.println(line.toString().stripTrailing());
    }

    /** A GitHub-flavoured Markdown table ({@code |} in cells escaped). */
    public void printMarkdown(PrintWriter out) {
        out.println("| " + String.join(" | ", headers.stream().map(TextTable::escape).toList()) + " |");
        StringBuilder rule = new StringBuilder("|");
        for (Align align : aligns) {
            rule.append(align == Align.RIGHT ? " ---: |" : " --- |");
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println("| " + String.join(" | ", row.stream().map(TextTable::escape).toList()) + " |");
        }
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
