/**
 * Safety production, the plan's "dual prevention": enterprises, risk points graded into four colours, and the
 * closed loop of hidden-hazard rectification with listed supervision of major hazards.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Safety")
package org.yingji.safety;
