/** Zigong's administrative divisions (GB/T 2260 and 12-digit statistical codes) and region scope. */
package org.yingji.platform.region;
