package dev.dbpool.spring.boot3;

import dev.dbpool.spring.BootGenerationCheck;

/** Fails start-up with one sentence when this starter, built for Spring Boot 3.5, meets the other generation. */
public class SpringBoot3Check extends BootGenerationCheck {

    public SpringBoot3Check() {
        super(3);
    }
}
