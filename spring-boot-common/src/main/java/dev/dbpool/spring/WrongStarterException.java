package dev.dbpool.spring;

/** The dbpool starter on the classpath is for the other Spring Boot generation (see {@link BootGenerationCheck}). */
public class WrongStarterException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public WrongStarterException(String message) {
        super(message);
    }
}
