package dev.dbpool.runtime.config;

/**
 * A configuration value is wrong. The message names the field, property or environment variable and
 * the bad value (with any password masked), for example
 * {@code DB_MAX_CONNECTIONS must be a positive integer, got 'abc'}.
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }

    /** The one message template: {@code NAME must be REQUIREMENT, got 'VALUE'}. */
    public static InvalidConfigException mustBe(String name, String requirement, Object got) {
        return new InvalidConfigException(name + " must be " + requirement + ", got '" + got + "'");
    }
}
