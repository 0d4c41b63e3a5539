package dev.dbpool.bench;

import dev.dbpool.testdb.layering.PackageLayeringContract;

/** No package cycles among the benchmarks and the classes JMH generates for them. */
class PackageLayeringTest extends PackageLayeringContract {

    PackageLayeringTest() {
        super("dev.dbpool.bench", "JMH's generated classes (jmh_generated) extend the benchmarks at the root");
    }
}
