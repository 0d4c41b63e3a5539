package dev.dbpool.spring;

import dev.dbpool.testdb.layering.PackageLayeringContract;

/** The API at {@code dev.dbpool.spring}, the engine below it, no package cycles. */
class PackageLayeringTest extends PackageLayeringContract {

    PackageLayeringTest() {
        super("dev.dbpool.spring");
    }
}
