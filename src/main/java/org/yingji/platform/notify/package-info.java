/** In-app notifications to users, stored and pushed live to open browsers over server-sent events. */
package org.yingji.platform.notify;
