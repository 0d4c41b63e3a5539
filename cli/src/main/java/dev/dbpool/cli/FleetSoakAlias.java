package dev.dbpool.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code dbpool soak --fleet FILE} and {@code dbpool soak --presets}, the fleet soak's spelling before it was a
 * subcommand, kept as an alias: the arguments are rewritten to {@code dbpool soak fleet FILE|--presets} before
 * picocli parses them, so the alias takes exactly the subcommand's options and gives its messages.
 */
final class FleetSoakAlias {

    static final String NOTICE = "dbpool: 'dbpool soak fleet FILE...|--presets' is the command now; "
            + "'dbpool soak --fleet FILE|--presets' runs it as an alias";

    private FleetSoakAlias() {
    }

    /** The arguments spelled with the subcommand, when they use the alias. */
    static Optional<String[]> rewrite(String... args) {
        int soak = firstNonOption(args);
        if (soak < 0 || !args[soak].equals("soak")) {
            return Optional.empty();
        }
        List<String> rest = List.of(args).subList(soak + 1, args.length);
        boolean alias = rest.stream().takeWhile(a -> !a.equals("--"))
                .anyMatch(a -> a.equals("--fleet") || a.startsWith("--fleet=") || a.equals("--presets"));
        if (!alias || !rest.isEmpty() && rest.get(0).equals("fleet")) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(List.of(args).subList(0, soak + 1));
        out.add("fleet");
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--fleet")) {
                if (i + 1 < rest.size()) {
                    out.add(rest.get(++i));
                }
            } else if (arg.startsWith("--fleet=")) {
                out.add(arg.substring("--fleet=".length()));
            } else {
                out.add(arg);
            }
        }
        return Optional.of(out.toArray(String[]::new));
    }

    /** The subcommand's position: dbpool's own options ({@code --verbose}, {@code --help}) take no value. */
    private static int firstNonOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                return i;
            }
        }
        return -1;
    }
}
