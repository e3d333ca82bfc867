/** The database: embedded PostgreSQL by default, an external server when a JDBC URL is configured. */
package org.yingji.platform.db;
