package dev.dbpool.rules;

import dev.dbpool.testdb.layering.PackageLayeringContract;

/** The API at {@code dev.dbpool.rules}, the engine below it, no package cycles. */
class PackageLayeringTest extends PackageLayeringContract {

    PackageLayeringTest() {
        super("dev.dbpool.rules");
    }
}
