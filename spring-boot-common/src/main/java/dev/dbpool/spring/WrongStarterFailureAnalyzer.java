package dev.dbpool.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports {@link WrongStarterException} as Boot's start-up failure report: the sentence, and what to change. */
public class WrongStarterFailureAnalyzer extends AbstractFailureAnalyzer<WrongStarterException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WrongStarterException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Use " + BootGenerationCheck.BOOT4_STARTER + " on Spring Boot 4.0 and 4.1, "
                        + BootGenerationCheck.BOOT3_STARTER + " on Spring Boot 3.5, and only one of them.", null);
    }
}
