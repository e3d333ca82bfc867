/** Departments, user accounts, roles and their permissions, and the screens that manage them. */
package org.yingji.platform.user;
