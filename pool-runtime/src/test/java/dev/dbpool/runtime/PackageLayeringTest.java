package dev.dbpool.runtime;

import dev.dbpool.testdb.layering.PackageLayeringContract;

/** The API at {@code dev.dbpool.runtime}, the engine below it, no package cycles. */
class PackageLayeringTest extends PackageLayeringContract {

    PackageLayeringTest() {
        super("dev.dbpool.runtime");
    }
}
