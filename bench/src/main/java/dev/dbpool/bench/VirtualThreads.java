package dev.dbpool.bench;

import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads on a Java 21+ runtime, from code compiled for Java 17: {@code Thread.ofVirtual().factory()}
 * looked up reflectively, once.
 */
final class VirtualThreads {

    static final String NEEDS_JAVA_21 = "virtual threads need Java 21 or later, and this is Java "
            + Runtime.version().feature() + ": run bench/virtual-threads.sh, which finds a JDK 21+ "
            + "(DBPOOL_JDK21_HOME, else the newest under /usr/lib/jvm)";

    private VirtualThreads() {
    }

    /** A factory of unstarted virtual threads; an {@link UnsupportedOperationException} naming the fix on Java 17-20. */
    static ThreadFactory factory() {
        Object builder;
        try {
            builder = Thread.class.getMethod("ofVirtual").invoke(null);
        } catch (NoSuchMethodException e) {
            throw new UnsupportedOperationException(NEEDS_JAVA_21, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create virtual threads", e);
        }
        try {
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create virtual threads", e);
        }
    }
}
