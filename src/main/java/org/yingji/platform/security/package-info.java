/** Sign-in (sessions and API tokens), lockout, password policy, the first admin, and who the current user is. */
package org.yingji.platform.security;
