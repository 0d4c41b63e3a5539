package dev.dbpool.plan;

import java.util.Optional;
import java.util.function.Function;

/**
 * Kubernetes' expansion of {@code $(VAR_NAME)} in an {@code env[].value}, as the kubelet does it
 * (k8s.io/kubernetes third_party/forked/golang/expansion): a reference to a variable defined before it
 * in the container takes that variable's value; a reference to one not defined (yet) stays as written;
 * {@code $$} is one {@code $} (so {@code $$(VAR)} is the text {@code $(VAR)}); a {@code $} before
 * anything else, or a {@code $(} that is never closed, stays as written.
 */
final class VariableExpansion {

    private VariableExpansion() {
    }

    /**
     * The expanded text; {@code lookup} gives a defined variable's value, {@code Optional.empty()} for one
     * that is not defined, and may throw to say that a defined variable's value is unknown.
     */
    static String expand(String input, Function<String, Optional<String>> lookup) {
        StringBuilder out = new StringBuilder(input.length());
        int checkpoint = 0;
        for (int cursor = 0; cursor < input.length(); cursor++) {
            if (input.charAt(cursor) != '$' || cursor + 1 >= input.length()) {
                continue;
            }
            out.append(input, checkpoint, cursor);
            char next = input.charAt(cursor + 1);
            int advance = 1;
            if (next == '$') {
                out.append('$');
            } else if (next == '(') {
                int close = input.indexOf(')', cursor + 2);
                if (close < 0) {
                    out.append("$(");
                } else {
                    String name = input.substring(cursor + 2, close);
                    out.append(lookup.apply(name).orElse("$(" + name + ")"));
                    advance = close - cursor;
                }
            } else {
                out.append('$').append(next);
            }
            cursor += advance;
            checkpoint = cursor + 1;
        }
        return out.append(input, checkpoint, input.length()).toString();
    }
}
