package dev.dbpool.runtime.internal;

import com.zaxxer.hikari.pool.ProxyConnection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.sql.SQLException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BorrowLedgerTest {

    /** The ledger counts an eviction exactly when HikariCP performs one: both must use the same rule. */
    @Test
    void callsFatalExactlyWhatHikariCpEvictsFor() throws Exception {
        assertThat(BorrowLedger.FATAL_SQL_STATES).isEqualTo(hikariSet("ERROR_STATES"));
        assertThat(BorrowLedger.FATAL_ERROR_CODES).isEqualTo(hikariSet("ERROR_CODES"));
    }

    @Test
    void connectionExceptionClassIsFatalAndSyntaxErrorsAreNot() {
        assertThat(BorrowLedger.isFatal(new SQLException("io", "08006"))).isTrue();
        assertThat(BorrowLedger.isFatal(new SQLException("terminated", "57P01"))).isTrue();
        assertThat(BorrowLedger.isFatal(new SQLException("syntax", "42601"))).isFalse();
        assertThat(BorrowLedger.isFatal(new SQLException("no state"))).isFalse();
    }

    @Test
    void aTimedOutBorrowIsTakenBack() {
        BorrowLedger ledger = new BorrowLedger(nanos -> { });
        ledger.recordConnectionAcquiredNanos(1_000);
        ledger.recordConnectionTimeout();

        assertThat(ledger.held()).isZero();
        assertThat(ledger.timeouts()).isEqualTo(1);
    }

    private static Set<?> hikariSet(String name) throws Exception {
        Field field = ProxyConnection.class.getDeclaredField(name);
        field.setAccessible(true);
        return Set.copyOf((Set<?>) field.get(null));
    }
}
