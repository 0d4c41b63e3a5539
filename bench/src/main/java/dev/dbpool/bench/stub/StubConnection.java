package dev.dbpool.bench.stub;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection that keeps its session state in fields and talks to nothing. It answers everything
 * HikariCP asks while opening, validating ({@link #isValid}: HikariCP checks a connection idle for
 * more than 500 ms before handing it out), handing out, resetting and closing a connection; anything
 * that would need a database (statements, metadata, LOBs) is refused.
 */
final class StubConnection implements Connection {

    private boolean autoCommit = true;
    private boolean readOnly;
    private String catalog;
    private String schema;
    private int transactionIsolation = TRANSACTION_READ_COMMITTED;
    private int holdability = java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
    private int networkTimeoutMillis;
    private Map<String, Class<?>> typeMap = Map.of();
    private final Properties clientInfo = new Properties();
    private volatile boolean closed;

    private static SQLFeatureNotSupportedException noDatabase(String what) {
        return new SQLFeatureNotSupportedException("stub connection: no database behind it for " + what);
    }

    // What HikariCP uses: session state, validation, timeouts, close.

    @Override
    public boolean isValid(int timeoutSeconds) {
        return !closed;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean getAutoCommit() {
        return autoCommit;
    }

    @Override
    public void commit() {
        // nothing to commit
    }

    @Override
    public void rollback() {
        // nothing to roll back
    }

    @Override
    public void rollback(Savepoint savepoint) {
        // nothing to roll back
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void setCatalog(String catalog) {
        this.catalog = catalog;
    }

    @Override
    public String getCatalog() {
        return catalog;
    }

    @Override
    public void setSchema(String schema) {
        this.schema = schema;
    }

    @Override
    public String getSchema() {
        return schema;
    }

    @Override
    public void setTransactionIsolation(int level) {
        this.transactionIsolation = level;
    }

    @Override
    public int getTransactionIsolation() {
        return transactionIsolation;
    }

    @Override
    public void setHoldability(int holdability) {
        this.holdability = holdability;
    }

    @Override
    public int getHoldability() {
        return holdability;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) {
        this.networkTimeoutMillis = milliseconds;
    }

    @Override
    public int getNetworkTimeout() {
        return networkTimeoutMillis;
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {
        // never any warnings
    }

    @Override
    public Map<String, Class<?>> getTypeMap() {
        return typeMap;
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) {
        this.typeMap = map;
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        clientInfo.setProperty(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        clientInfo.clear();
        clientInfo.putAll(properties);
    }

    @Override
    public String getClientInfo(String name) {
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() {
        return (Properties) clientInfo.clone();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void abort(Executor executor) {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String nativeSQL(String sql) {
        return sql;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("stub connection does not wrap " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // What would need a database: refused.

    @Override
    public Statement createStatement() throws SQLException {
        throw noDatabase("createStatement");
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        throw noDatabase("createStatement");
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        throw noDatabase("createStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        throw noDatabase("prepareStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        throw noDatabase("prepareStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        throw noDatabase("prepareStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        throw noDatabase("prepareStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        throw noDatabase("prepareStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        throw noDatabase("prepareStatement");
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw noDatabase("prepareCall");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        throw noDatabase("prepareCall");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        throw noDatabase("prepareCall");
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        throw noDatabase("getMetaData");
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw noDatabase("setSavepoint");
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        throw noDatabase("setSavepoint");
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        throw noDatabase("releaseSavepoint");
    }

    @Override
    public Clob createClob() throws SQLException {
        throw noDatabase("createClob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw noDatabase("createBlob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw noDatabase("createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw noDatabase("createSQLXML");
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw noDatabase("createArrayOf");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw noDatabase("createStruct");
    }
}
