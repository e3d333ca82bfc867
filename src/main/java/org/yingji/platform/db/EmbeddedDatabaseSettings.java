package org.yingji.platform.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the embedded PostgreSQL keeps its files.
 *
 * @param dataDir directory of the cluster; kept across restarts
 * @param port    TCP port, 0 for any free one
 * @param clean   wipe the directory at start (tests only); such a throwaway cluster also commits without
 *                waiting for the WAL flush
 */
@ConfigurationProperties("yingji.db.embedded")
public record EmbeddedDatabaseSettings(String dataDir, int port, boolean clean) {
}
