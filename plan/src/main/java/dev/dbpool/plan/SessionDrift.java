package dev.dbpool.plan;

import java.util.OptionalLong;

/**
 * What a live server has against the plan for one {@code application_name} ({@code --database-url}).
 *
 * @param applicationName the sessions' {@code application_name} ({@code ""} for none)
 * @param sessions        client sessions now
 * @param allocated       the plan's allocation for the service of that name, when there is one
 */
public record SessionDrift(String applicationName, int sessions, OptionalLong allocated) {

    /** What the comparison says. */
    public enum Status { WITHIN, ABOVE_ALLOCATION, UNKNOWN_SERVICE }

    public Status status() {
        if (allocated.isEmpty()) {
            return Status.UNKNOWN_SERVICE;
        }
        return sessions > allocated.getAsLong() ? Status.ABOVE_ALLOCATION : Status.WITHIN;
    }

    /** {@code auth-service: 52 sessions, 48 allocated} and the like, for people. */
    public String describe() {
        String name = applicationName.isEmpty() ? "(no application_name)" : applicationName;
        return switch (status()) {
            case UNKNOWN_SERVICE -> name + ": " + sessions + " sessions from a service the plan does not know";
            case ABOVE_ALLOCATION -> name + ": " + sessions + " sessions, above its allocation of "
                    + allocated.getAsLong() + " (more pods or a larger pool than planned)";
            case WITHIN -> name + ": " + sessions + " of " + allocated.getAsLong() + " allocated";
        };
    }
}
