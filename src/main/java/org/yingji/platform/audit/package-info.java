/** The append-only, hash-chained audit log of every write, its search and its chain check. */
package org.yingji.platform.audit;
