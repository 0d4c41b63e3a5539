package dev.dbpool.loadgen.engine;

import java.sql.Connection;
import java.sql.SQLException;

/** What request {@code index} does with the connection it acquired; the caller returns the connection. */
@FunctionalInterface
public interface RequestWork {

    void execute(Connection connection, int index) throws SQLException;
}
