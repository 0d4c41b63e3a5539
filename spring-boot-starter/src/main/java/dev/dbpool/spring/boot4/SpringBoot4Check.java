package dev.dbpool.spring.boot4;

import dev.dbpool.spring.BootGenerationCheck;

/** Fails start-up with one sentence when this starter, built for Spring Boot 4, meets the other generation. */
public class SpringBoot4Check extends BootGenerationCheck {

    public SpringBoot4Check() {
        super(4);
    }
}
