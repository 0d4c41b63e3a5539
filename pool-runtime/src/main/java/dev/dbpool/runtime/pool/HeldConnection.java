package dev.dbpool.runtime.pool;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A borrowed connection that gives its slot back to the {@link InFlightCounter} exactly once, when it
 * is closed, however HikariCP ends it.
 *
 * <p>HikariCP reports a returned connection to its metrics tracker from {@code PoolEntry.recycle()}.
 * A connection that broke while borrowed (the server ended the session: SQLState 08xxx, 57P01) is
 * evicted at once and its proxy's {@code close()} then does nothing, so no return is ever reported:
 * counting returns from the tracker leaks one "active" connection per broken session, and
 * backpressure would end up rejecting everything after a database restart. Counting at the
 * borrower's {@code close()} has no such hole.
 */
final class HeldConnection implements InvocationHandler {

    private static final Class<?>[] INTERFACES = {Connection.class};

    private final Connection delegate;
    private final InFlightCounter counter;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HeldConnection(Connection delegate, InFlightCounter counter) {
        this.delegate = delegate;
        this.counter = counter;
    }

    static Connection wrap(Connection pooled, InFlightCounter counter) {
        return (Connection) Proxy.newProxyInstance(HeldConnection.class.getClassLoader(), INTERFACES,
                new HeldConnection(pooled, counter));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close":
                if (closed.compareAndSet(false, true)) {
                    try {
                        delegate.close();
                    } finally {
                        counter.release();
                    }
                }
                return null;
            case "isClosed":
                return closed.get() || delegate.isClosed();
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return delegate.toString();
            default:
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
        }
    }
}
