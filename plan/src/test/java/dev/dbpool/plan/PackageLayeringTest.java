package dev.dbpool.plan;

import dev.dbpool.testdb.layering.PackageLayeringContract;

/** The API at {@code dev.dbpool.plan}, the engine below it, no package cycles. */
class PackageLayeringTest extends PackageLayeringContract {

    PackageLayeringTest() {
        super("dev.dbpool.plan");
    }
}
