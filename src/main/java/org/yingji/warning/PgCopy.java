package org.yingji.warning;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Bulk writes with PostgreSQL's COPY (text format), an order of magnitude faster than batched inserts for the
 * millions of receipts and synthetic recipients. Joins the caller's transaction when there is one.
 */
final class PgCopy {

    private PgCopy() {
    }

    interface Rows {
        void write(Writer out) throws IOException;
    }

    static long copy(DataSource dataSource, String copySql, Rows rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            try (Writer out = new CopyWriter(copy)) {
                rows.write(out);
            }
            return copy.getHandledRowCount();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY failed: " + copySql, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Escapes a value for COPY's text format; null becomes \N. */
    static String text(String value) {
        if (value == null) {
            return "\\N";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Buffers characters into UTF-8 chunks of about 1 MB before handing them to the driver. */
    private static final class CopyWriter extends Writer {
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(1 << 20);

        CopyWriter(CopyIn copy) {
            this.copy = copy;
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            buffer.append(chars, off, len);
            if (buffer.length() >= (1 << 20)) {
                flush();
            }
        }

        @Override
        public void write(String text) throws IOException {
            buffer.append(text);
            if (buffer.length() >= (1 << 20)) {
                flush();
            }
        }

        @Override
        public void flush() throws IOException {
            if (buffer.isEmpty()) {
                return;
            }
            byte[] bytes = buffer.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            flush();
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }
}
