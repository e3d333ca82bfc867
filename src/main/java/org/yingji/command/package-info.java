/**
 * Incident command: duty, intake, grading, plans (预案) and their activation into department tasks, dispatch of
 * teams and supplies, loss reports, the incident timeline (live over SSE), situation reports and close-out.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command")
package org.yingji.command;
