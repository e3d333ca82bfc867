/**
 * The resource base and the "one map": rescue teams, fire stations, experts, warehouses and their stock,
 * shelters, equipment, hazard sources, protection targets, video sources. Other modules ask
 * {@link org.yingji.resources.ResourceQueries}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Resources")
package org.yingji.resources;
