/** Time as shown to people (Beijing time). */
package org.yingji.platform.time;
