/**
 * Public warnings (预警发布): drafting, two-person approval, publication as OASIS CAP 1.2 with an Atom feed,
 * targeting of the people and terminals inside the warned area, dissemination over configured channels with a
 * receipt per recipient, and coverage against the 90 % target.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Warning")
package org.yingji.warning;
