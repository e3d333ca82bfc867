/**
 * Shared kernel: regions, departments, users and roles, region scope, security, audit log, problem details.
 * Every business module may use it; it uses none of them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.yingji.platform;
