/** The HTTP edge shared by all modules: RFC 9457 problem details, paging, the single-page app's routes. */
package org.yingji.platform.web;
