package dev.dbpool.loadgen;

import dev.dbpool.runtime.config.InvalidConfigException;

import java.util.ArrayList;
import java.util.List;

/**
 * One scenario at one or several arrival rates ({@code --rate 500..4000/500}): a set of runs per rate, on
 * the same database, the same pool and the same capacity measured once. Every rate's scenario is built
 * and checked up front, before any load runs.
 *
 * @param scenarios one per rate, in the order given; they differ in nothing else
 */
public record SoakSweep(List<SoakScenario> scenarios) {

    /** Points a sweep may have: each is a full set of runs. */
    public static final int MAX_RATES = 50;

    public SoakSweep {
        if (scenarios == null || scenarios.isEmpty()) {
            throw new InvalidConfigException("rate must give at least one rate");
        }
        scenarios = List.copyOf(scenarios);
    }

    /** A sweep of one rate: the scenario as it is. */
    public static SoakSweep of(SoakScenario scenario) {
        return new SoakSweep(List.of(scenario));
    }

    /**
     * {@code base} at each of {@code rates} (setting {@code base}'s rate to each in turn).
     *
     * @throws InvalidConfigException when a rate makes the scenario invalid (too many arrivals), naming it
     */
    public static SoakSweep of(SoakScenario.Builder base, List<Double> rates) {
        if (rates.size() > MAX_RATES) {
            throw new InvalidConfigException("rate gives " + rates.size() + " rates; at most " + MAX_RATES);
        }
        List<SoakScenario> scenarios = new ArrayList<>();
        for (double rate : rates) {
            scenarios.add(base.rate(rate).build());
        }
        return new SoakSweep(scenarios);
    }

    /** The scenario every rate shares (the first rate's). */
    public SoakScenario first() {
        return scenarios.get(0);
    }

    public boolean isSweep() {
        return scenarios.size() > 1;
    }
}
