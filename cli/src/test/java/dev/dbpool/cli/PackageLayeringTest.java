package dev.dbpool.cli;

import dev.dbpool.testdb.layering.PackageLayeringContract;

/** The API at {@code dev.dbpool.cli}, the engine below it, no package cycles. */
class PackageLayeringTest extends PackageLayeringContract {

    PackageLayeringTest() {
        super("dev.dbpool.cli");
    }
}
